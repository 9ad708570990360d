//! The core's integration tests: one test binary, a module per area, each
//! against real library files in a temporary folder.

mod bad_input;
mod cli;
mod export;
mod import;
mod records;
mod sample;
mod search;
mod store;
mod util;
mod versioning;
