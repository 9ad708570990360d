//! `dossier settings [get KEY | set KEY VALUE]`.

use dossier::settings::Setting;
use dossier::{Library, Result};

use crate::cli::{SettingsArgs, SettingsCommand};
use crate::output;

pub fn run(lib: &mut Library, args: SettingsArgs) -> Result<()> {
    match args.action {
        None => {
            let all = lib.settings()?;
            if args.out.json {
                return output::json(&all);
            }
            let rows: Vec<Vec<String>> = Setting::ALL
                .iter()
                .map(|s| {
                    vec![
                        s.key().to_owned(),
                        all.get(*s).map_or_else(|| "(not set)".to_owned(), str::to_owned),
                        s.description().to_owned(),
                    ]
                })
                .collect();
            output::table(&["KEY", "VALUE", "WHAT IT IS"], &rows);
            Ok(())
        }
        Some(SettingsCommand::Get { key, out }) => {
            let setting: Setting = key.parse()?;
            let value = lib.setting(setting)?;
            if out.json || args.out.json {
                return output::json(&serde_json::json!({ "key": setting.key(), "value": value }));
            }
            // Nothing printed for an unset value, so `$(dossier settings get …)` is empty.
            if let Some(v) = value {
                outln!("{v}");
            }
            Ok(())
        }
        Some(SettingsCommand::Set { key, value, out }) => {
            let setting: Setting = key.parse()?;
            let value = lib.set_setting(setting, &value)?;
            if out.json || args.out.json {
                return output::json(&serde_json::json!({ "key": setting.key(), "value": value }));
            }
            match value {
                Some(v) => outln!("{} is now “{v}”", setting.key()),
                None => outln!("{} is cleared", setting.key()),
            }
            Ok(())
        }
    }
}
