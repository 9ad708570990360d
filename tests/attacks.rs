//! Hostile input, one test per attack, each named for what it tries: files
//! and libraries from someone else. (The app's own boundary, a script in the
//! window, is attacked in `src-tauri/tests/wiring.rs`.)

mod library_files;
