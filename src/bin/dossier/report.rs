//! `dossier report lobbying`.

use dossier::{Library, Result};

use crate::cli::LobbyingArgs;

pub fn lobbying(_lib: &Library, _args: LobbyingArgs) -> Result<()> {
    Err(dossier::Error::Invalid("not yet".into()))
}
