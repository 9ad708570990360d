//! The Registry of Lobbyists' open data: what has been filed, read offline
//! from the CSV files staff download (`csv`), and our monthly reports
//! checked against it (`reconcile`).
//!
//! The subject matters the Registry's codes file names live in
//! [`crate::subjects`]; both read their files through [`csv::RegistryCsv`].

pub mod csv;
pub mod reconcile;
