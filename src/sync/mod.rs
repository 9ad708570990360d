//! The team library: every device keeps the whole library and exchanges
//! *changes* with the others through a folder they share (a network share, a
//! cloud-synced folder, a USB stick). No server, no daemon, no port.
//!
//! # Design
//!
//! ## Devices and the team folder
//!
//! A *device* is one library on one computer that has joined a team. It has
//! a random id (16 lowercase hex digits), a name people recognise (the
//! computer's name unless given) and a *slot*, a number from 0 to
//! [`SLOTS`]` - 1` that no other current device holds. The team folder holds,
//! all names lowercase and safe on every file system:
//!
//! ```text
//! FOLDER/dossier-team/
//!   team.json                      team id, written once by the first device
//!   devices/<device>.json          one per device: name, slot, when it joined
//!   devices/<device>.left          written when a device leaves (frees its slot)
//!   changes/<device>/<seq>.changes immutable change files, seq = 1, 2, 3 …
//!   snapshots/<device>-<seq>.sqlite  a whole library, for devices that join
//!   snapshots/<device>-<seq>.json    what the snapshot holds, and its checksum
//! ```
//!
//! A device writes only its own files and never edits or deletes one (a file
//! is written beside its name and renamed, and rewritten whole and identical
//! if a crash left the rename undone). Anything else in the folder, such as
//! the "conflicted copy" files sync clients make, a half-delivered file or a
//! stray, is ignored or waited for, never applied.
//!
//! ## Identity: short ids that never collide
//!
//! Ids stay small integers that people type (`paper show 12`) and stay the
//! primary keys that every reference uses, so a reference means the same row
//! on every device. A device only creates ids `≡ slot (mod SLOTS)`, each
//! above every id it has seen or made in that table ([`crate::store::ids`]).
//! Two devices therefore never make the same id, offline or not, and the
//! ids of a library that was never shared stay 1, 2, 3 … (a library alone
//! uses slot 0 with a modulus of 1). Rows with natural keys (tags, links,
//! settings, original files keyed by their SHA-256) need no allocation: two
//! devices adding the same tag add the same row.
//!
//! A slot is taken when a device joins: the lowest slot no device ever
//! held (a device that left may still have changes on their way, made with
//! its slot's ids), else, once all were used, the lowest one no current
//! device holds. Two devices joining at the same moment through a slow cloud folder
//! can pick the same slot; every sync checks `devices/` and refuses to write
//! or apply anything while the clash lasts (`slot_taken`): the later device
//! leaves and joins again, and no id is ever shared.
//!
//! ## Capture
//!
//! While a library is in a team, every [`crate::library::Library::write`]
//! runs under a SQLite session attached to the shared tables. Before the
//! transaction commits, its changeset (SQLite's own format) is stored in
//! `sync_outbox` with the transaction's hybrid logical clock and the
//! device's person, *in the same transaction*: a write and its record land
//! together or not at all. Changes applied from other devices are not
//! captured again.
//!
//! ## Clocks
//!
//! A hybrid logical clock ([`clock`]) stamps every captured transaction:
//! physical milliseconds where the wall clock allows, a counter where it does
//! not, the device id to break ties. Receiving a change moves the local clock
//! past it, so a change made after seeing another always sorts after it.
//! Clocks are fixed-width text, so they compare as strings.
//!
//! ## Change files
//!
//! `sync` writes every captured transaction not yet written into the next
//! file of the device: a header line (format, device, sequence, schema
//! version, the last sequence applied from every other device, length and
//! SHA-256 of the body) and a body of entries (clock, person, changeset). The
//! sequence is reserved in the library before the file is written, so a
//! crash between the two rewrites the same file, never a second copy.
//!
//! ## Applying
//!
//! A device applies another's files in sequence order, one file per
//! transaction that also records it as applied: a file is applied once,
//! whatever crashes. A file waits while one it depends on (the header's
//! "last applied" list) has not been applied here, so a row always arrives
//! after the rows it refers to. A file that fails its checksum or is short
//! is waited for (a sync client still writing it); one from a newer schema
//! is skipped with `sync_newer_format` until Dossier is upgraded; garbage
//! never stops the other devices' files.
//!
//! Each change is applied by [`apply`], which reads the changeset with
//! SQLite's iterator and decides per field:
//!
//! - **Versions** are only ever inserted, so two people saving the same
//!   paper offline both keep their text. A version records the version it was
//!   written from (`parent_id`) and, when saved on a paper edited in
//!   parallel, the other versions it settles (`settles`). Versions are
//!   numbered by clock order, the same on every device; numbers may shift
//!   when a parallel version arrives, but every reference (publications,
//!   packet items, exports, engagements) holds the version's id. A paper
//!   whose history has more than one *tip* (a version no later version was
//!   written from or settles) is "edited in parallel — compare".
//! - **Every other field**: the last writer wins by clock, per field. A
//!   value that loses is kept in `sync_conflicts` (table, record, field, the
//!   value, whose and when) and can be brought back by `sync keep`, which
//!   writes it as a new change. A change that loses is recognised in two
//!   ways: its clock is older than the field's, or the value it replaced is
//!   not the value the field holds (it was made without seeing it).
//! - **Removal wins over a concurrent edit** (a packet item removed on one
//!   device while moved on another; a setting cleared while changed): the
//!   edit is kept as a conflict. Archiving is an ordinary field, so an edit
//!   to an archived paper lands and the paper stays archived. A row whose
//!   parent was removed concurrently is removed too, as a conflict.
//! - Triggers fire as for local writes: the search outbox hears every
//!   applied change and the index catches up as usual.
//!
//! Once every device has applied the same files, every shared table is
//! identical, row for row. Only device-local tables differ: `sync_*` (who
//! this device is, what it applied, its conflicts) and `search_outbox`.
//!
//! ## Joining, leaving, public copies
//!
//! The first device writes a snapshot at set-up (`VACUUM INTO`, device-local
//! tables emptied, checked, then renamed into place) and again when many
//! change files have accumulated since the last. A joining device copies the
//! newest whole snapshot, takes a slot, and applies the change files the
//! snapshot does not hold.

pub mod capture;
pub mod changes;
pub mod clock;
pub mod apply;
pub mod folder;
pub mod handle;
pub mod public;

/// How many devices a team can hold at once; ids advance by this step.
pub const SLOTS: i64 = 16;
