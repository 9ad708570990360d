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
//! ## No file can stop the team
//!
//! Anyone who can write into the folder can put any bytes there, so every
//! file is read as hostile ([`folder`] and [`apply`] hold the checks):
//!
//! - **Only regular files are read**: every file of the folder (change
//!   files, device files, `team.json`, snapshots and their descriptions) is
//!   opened without following a link and without blocking (`O_NOFOLLOW |
//!   O_NONBLOCK` on Unix; no reparse point on Windows), the open handle must
//!   be a regular file no larger than its kind's limit, and it is read
//!   through that limit. A link, a FIFO, a device file or a folder where a
//!   file should be is never read.
//! - **Bounded before allocated**: no count or length from a file sizes an
//!   allocation. A change file is at most [`folder::MAX_FILE_BYTES`], holds
//!   at most [`folder::MAX_ENTRIES`] entries, each changeset at most
//!   [`folder::MAX_CHANGESET_BYTES`]; every length is checked against the
//!   bytes actually left. A device writes its waiting changes in as many
//!   files as these limits need.
//! - **Whole, then checked, then applied.** A file whose length or checksum
//!   does not match is waited for (it may still be arriving). A whole file
//!   whose content disagrees with its header, or breaks a limit, is
//!   *refused*. Every change of a whole file is then checked against this
//!   library's schema before anything is applied: a shared table, the right
//!   number of columns (fewer for an older schema), the primary key where
//!   the table has it, and every value of a type its column holds (an
//!   integer in an `INTEGER` column, text in a `TEXT` one, no `NULL` in a
//!   `NOT NULL` one).
//! - **Clocks from the future are refused**: a change whose clock is more
//!   than a day ([`clock::MAX_AHEAD_MILLIS`]) ahead of both the wall clock
//!   and this device's clock (the newest clock it has issued or seen) is
//!   refused with `sync_clock_ahead`. Clock arithmetic saturates, so the
//!   local clock never leaves its fixed width, and the outbox never drops a
//!   change: one whose clock cannot be read gets a new one.
//! - **A file that cannot be applied is quarantined**, whatever the cause:
//!   refused as above, or failing as it is applied (a change that removes a
//!   version, which the library refuses; a row whose parent does not exist;
//!   any constraint). Its transaction is rolled back whole (a file is all
//!   or nothing, as before) and, in a second transaction, the file is
//!   recorded in `sync_quarantine` with its reason and counted as *settled*
//!   in `sync_applied`: it is never retried, and the device's later files
//!   and the files that depend on it (the header's `after`) go on. The file
//!   stays in the folder, untouched; `sync status` lists it with its reason,
//!   and the sync that found it warns `sync_file_quarantined`. A snapshot
//!   keeps the list (with `sync_applied`), so a device joining from it
//!   knows which files were settled without being applied.
//! - **Why settled and not waiting**: the checks depend only on the file
//!   and on the shared tables, which every device holds alike, so every
//!   device refuses the same file; a device's later changes cannot rest on
//!   a quarantined file, because no device applied it. A file made after
//!   seeing a quarantined one therefore holds nothing that needs it, and
//!   waiting would only stop every honest change behind it. The `after` map
//!   a device writes names, per device, the last file it *applied*, never a
//!   quarantined one, so no device waits for a file another device refused
//!   (or never received). A later file that still refers to a row of a
//!   quarantined one fails on its own and is quarantined on its own.
//! - **A damaged library is said only when it is**: only SQLite's
//!   corruption codes (and a full disk, a read-only or busy library) stop a
//!   sync as an error of the library; any other failure of a change file is
//!   the file's, and quarantines it.
//! - Until membership is authenticated, a well-formed change that breaks
//!   no rule is applied whoever wrote it; the quarantine list is where files
//!   "not from the team" will be listed too.
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
//! this device is, what it applied, its conflicts, the files it
//! quarantined) and `search_outbox`.
//!
//! ## Joining, leaving, public copies
//!
//! The first device writes a snapshot at set-up (`VACUUM INTO`, device-local
//! tables emptied, checked, then renamed into place) and again when many
//! change files have accumulated since the last. A joining device copies the
//! newest whole snapshot, takes a slot, and applies the change files the
//! snapshot does not hold.
//!
//! Leaving writes what waits and marks the device gone. It works from every
//! state a message asks the user to leave from (`sync_slot_taken`,
//! `sync_sequence_reused`): the changes that cannot be sent then stay in
//! this library, which stands alone with everything it holds.

pub mod capture;
pub mod changes;
pub mod clock;
pub mod apply;
pub mod folder;
pub mod handle;
pub mod public;

/// How many devices a team can hold at once; ids advance by this step.
pub const SLOTS: i64 = 16;
