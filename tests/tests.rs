//! The core's integration tests: one test binary, a module per area, each
//! against real library files in a temporary folder.

mod architecture;
mod attacks;
mod backup;
mod bad_input;
mod cli;
mod crash;
mod day;
mod damage;
mod export;
mod harness;
mod import;
mod parliament;
mod public_copy;
mod large;
mod records;
mod regression;
mod registry;
mod report;
mod sample;
mod search;
mod settings;
mod store;
mod support;
mod sync;
mod sync_attacks;
mod util;
mod versioning;
