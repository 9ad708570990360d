//! Hostile input, one test per attack, each named for what it tries, one
//! file per area an attacker can reach: documents offered for import,
//! library and backup files from someone else, and what the core writes out
//! and takes as a query, paper bodies shaped to make a packet export cost
//! far more than their size. (The app's own boundary, a script in the
//! window, is attacked in `src-tauri/tests/wiring.rs`.)

mod documents;
mod library_files;
mod packet_shapes;
mod search_output;
