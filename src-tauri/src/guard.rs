//! Where the window may go: nowhere but the app itself. A link in a paper,
//! or a script that sets `location`, cannot replace the app with another
//! page (which could then call the app's commands as if it were the app);
//! web and mail addresses open in the system's programs instead, through
//! `open_link`, after the user has seen them (the core's rule,
//! `dossier::links::allowed_link`, which the page applies too, in
//! `ui/src/lib/links.ts`).

use tauri::{plugin::TauriPlugin, Runtime, Url};

/// The plugin that refuses every navigation away from the app.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard").on_navigation(|_, url| is_the_app(url)).build()
}

/// True for the app's own pages: the bundled front end (served as
/// `tauri://localhost`, or `http(s)://tauri.localhost` on Windows) and, in a
/// development build, the front end's development server.
pub fn is_the_app(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) => cfg!(debug_assertions) && url.port() == Some(1420),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_stays_on_the_app() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(is_the_app(&url("tauri://localhost/index.html")));
        assert!(is_the_app(&url("http://tauri.localhost/")));
        for away in ["https://example.org/", "http://localhost.evil.example/", "file:///etc/passwd", "tauri://elsewhere/", "data:text/html,x"] {
            assert!(!is_the_app(&url(away)), "{away} must not replace the app");
        }
    }
}
