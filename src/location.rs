//! Where a library folder lives, and whether that place is safe for SQLite.
//!
//! Cloud-synced folders (OneDrive, Dropbox, Google Drive, iCloud…) copy a
//! database file while it is being written and can hand back an older copy
//! of it; network file systems (NFS, SMB, sshfs…) often lack the locking
//! SQLite relies on. Both corrupt libraries. [`Library::location_warning`]
//! says so in one sentence with what to do instead.
//!
//! Promises: the classification is pure functions over a path and, on
//! Linux, the text of `/proc/self/mountinfo`, so it is tested with
//! synthetic inputs; nothing here ever refuses to open a library.

use std::path::{Component, Path, PathBuf};

use crate::library::Library;
use crate::message::Message;

/// Cloud storage services and how their folders are named, matched
/// against each folder of the path (case-insensitive): `(service, how)`.
const CLOUD_FOLDERS: &[(&str, Match)] = &[
    ("OneDrive", Match::Prefix("onedrive")),
    ("Dropbox", Match::Prefix("dropbox")),
    ("Google Drive", Match::Prefix("google drive")),
    ("Google Drive", Match::Prefix("googledrive")),
    ("Google Drive", Match::Exact("my drive")),
    ("Google Drive", Match::Exact("mon disque")),
    ("iCloud Drive", Match::Exact("icloud drive")),
    ("iCloud Drive", Match::Exact("mobile documents")),
    ("iCloud Drive", Match::Prefix("icloud~")),
    ("iCloud Drive", Match::Exact("com~apple~clouddocs")),
    ("pCloud", Match::Prefix("pcloud")),
    ("pCloud", Match::Exact("pclouddrive")),
    ("Box", Match::Exact("box sync")),
    ("Box", Match::Exact("box drive")),
    ("Nextcloud", Match::Prefix("nextcloud")),
    ("ownCloud", Match::Prefix("owncloud")),
    ("MEGA", Match::Exact("megasync")),
    ("Sync.com", Match::Exact("sync.com")),
    // macOS puts every File Provider service (OneDrive, Dropbox, Google
    // Drive, Box…) under ~/Library/CloudStorage.
    ("a cloud storage service", Match::Exact("cloudstorage")),
];

/// File system types of network or shared mounts, as `/proc/self/mountinfo`
/// names them.
const NETWORK_FILESYSTEMS: &[&str] = &[
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "sshfs", "fuse.sshfs", "davfs", "fuse.davfs2", "fuse.rclone",
    "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs", "glusterfs", "ceph", "fuse.ceph", "afs", "lustre", "ncpfs",
    "fuse.onedriver", "fuse.google-drive-ocamlfuse", "fuse.dropbox", "fuse.mega", "fuse.pcloud",
];

#[derive(Debug, Clone, Copy)]
enum Match {
    Exact(&'static str),
    Prefix(&'static str),
}

/// The cloud service whose synced folder holds `path`, if any.
pub fn cloud_service(path: &Path) -> Option<&'static str> {
    for component in path.components() {
        let Component::Normal(name) = component else { continue };
        let name = name.to_string_lossy().to_lowercase();
        for (service, how) in CLOUD_FOLDERS {
            let hit = match how {
                Match::Exact(e) => name == *e,
                // "Dropbox (Personal)", "OneDrive - Org", "GoogleDrive-maya@…",
                // but not "dropboxes": the name goes on only after a separator.
                Match::Prefix(p) => {
                    name.strip_prefix(p).is_some_and(|rest| {
                        rest.is_empty() || p.ends_with('~') || rest.starts_with([' ', '-', '(', '_', '.'])
                    })
                }
            };
            if hit {
                return Some(service);
            }
        }
    }
    None
}

/// Whether `path` is a Windows network path (`\\server\share\…`), which a
/// mount table cannot tell.
pub fn is_unc_path(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let unc = text.starts_with(r"\\") || text.starts_with("//");
    // `\\?\C:\…` is a local path in long form; `\\?\UNC\…` is a share.
    let verbatim_local = text.starts_with(r"\\?\") && !text[4..].to_ascii_uppercase().starts_with("UNC");
    let device = text.starts_with(r"\\.\");
    unc && !verbatim_local && !device
}

/// The file system type of the mount that holds `path`, from the text of
/// `/proc/self/mountinfo`: the mount point that is the longest prefix of
/// the path wins, as the kernel resolves it.
pub fn filesystem_of(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        // "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw"
        let Some((left, right)) = line.split_once(" - ") else { continue };
        let Some(mount_point) = left.split(' ').nth(4) else { continue };
        let Some(fstype) = right.split(' ').next() else { continue };
        let mount_point = PathBuf::from(unescape(mount_point));
        if path.starts_with(&mount_point) {
            let depth = mount_point.components().count();
            if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
                best = Some((depth, fstype.to_owned()));
            }
        }
    }
    best.map(|(_, fstype)| fstype)
}

/// Undoes mountinfo's octal escapes (`\040` for a space, `\011`, `\012`, `\134`).
fn unescape(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 3 < bytes.len() && bytes[i + 1..i + 4].iter().all(|b| (b'0'..=b'7').contains(b)) {
            let n = u32::from(bytes[i + 1] - b'0') * 64 + u32::from(bytes[i + 2] - b'0') * 8 + u32::from(bytes[i + 3] - b'0');
            out.push(u8::try_from(n).unwrap_or(b'?'));
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a file system type is a network or shared one.
pub fn is_network_filesystem(fstype: &str) -> bool {
    let fstype = fstype.to_ascii_lowercase();
    NETWORK_FILESYSTEMS.contains(&fstype.as_str())
}

/// The warning for a library at `path` (absolute), given the mount table
/// text when the platform has one.
pub fn warning_for(path: &Path, mountinfo: Option<&str>) -> Option<Message> {
    let shown = path.display().to_string();
    if let Some(service) = cloud_service(path) {
        return Some(Message::LocationCloud { path: shown, service: service.to_string() });
    }
    if is_unc_path(path) {
        return Some(Message::LocationNetwork { path: shown, filesystem: None });
    }
    mountinfo
        .and_then(|m| filesystem_of(m, path))
        .filter(|t| is_network_filesystem(t))
        .map(|t| Message::LocationNetwork { path: shown, filesystem: Some(t.to_string()) })
}

impl Library {
    /// A warning when the library folder sits in a cloud-synced folder or on
    /// a network mount, where SQLite databases get corrupted; `None` for a
    /// local folder. Never fails: a location it cannot read is not warned of.
    pub fn location_warning(&self) -> Option<Message> {
        let path = self.root().canonicalize().unwrap_or_else(|_| self.root().to_owned());
        let mountinfo = if cfg!(target_os = "linux") {
            std::fs::read_to_string("/proc/self/mountinfo").ok()
        } else {
            None
        };
        warning_for(&path, mountinfo.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTS: &str = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
40 27 0:40 / /home/maya/Shared\\040Files rw,relatime - cifs //fileserver/advocacy rw,vers=3.0
41 27 0:41 / /mnt/nas rw,relatime - nfs4 nas:/export rw
42 41 0:42 / /mnt/nas/local-cache rw,relatime - ext4 /dev/vdb rw
43 27 0:43 / /home/maya/remote rw,nosuid - fuse.sshfs maya@host:/srv rw
44 27 0:44 / /mnt/c rw,noatime - 9p drvfs rw
";

    #[test]
    fn cloud_folders_are_recognised_by_their_names_on_every_platform() {
        let cases = [
            (r"C:\Users\maya\OneDrive - Advocacy Org\Dossier", Some("OneDrive")),
            ("/home/maya/Dropbox (Personal)/dossier", Some("Dropbox")),
            ("/Users/maya/Library/CloudStorage/GoogleDrive-maya@example.org/My Drive/dossier", Some("a cloud storage service")),
            ("G:/My Drive/dossier", Some("Google Drive")),
            ("/Users/maya/Library/Mobile Documents/com~apple~CloudDocs/dossier", Some("iCloud Drive")),
            ("/home/maya/pCloudDrive/dossier", Some("pCloud")),
            ("/home/maya/Nextcloud/dossier", Some("Nextcloud")),
            ("/home/maya/Box Sync/dossier", Some("Box")),
            ("/home/maya/Documents/dossier", None),
            ("/home/maya/dropboxes-of-letters/dossier", None),
        ];
        for (path, expected) in cases {
            // Windows separators are only separators on Windows: split them
            // here so the test means the same on every platform.
            let path: PathBuf = path.split(['\\', '/']).collect();
            assert_eq!(cloud_service(&path), expected, "{}", path.display());
        }
    }

    #[test]
    fn the_mount_holding_a_folder_is_the_longest_matching_mount_point() {
        let fs = |p: &str| filesystem_of(MOUNTS, Path::new(p));
        assert_eq!(fs("/home/maya/Documents/dossier").as_deref(), Some("ext4"));
        assert_eq!(fs("/home/maya/Shared Files/dossier").as_deref(), Some("cifs"), "\\040 is a space");
        assert_eq!(fs("/mnt/nas/dossier").as_deref(), Some("nfs4"));
        assert_eq!(fs("/mnt/nas/local-cache/dossier").as_deref(), Some("ext4"), "a local mount inside a network one");
        assert_eq!(fs("/mnt/nasty").as_deref(), Some("ext4"), "/mnt/nas is not a prefix of /mnt/nasty by components");
        assert_eq!(fs("/home/maya/remote/x").as_deref(), Some("fuse.sshfs"));
    }

    #[test]
    fn network_and_cloud_locations_are_warned_of_and_local_ones_are_not() {
        let warn = |p: &str| warning_for(Path::new(p), Some(MOUNTS));
        assert_eq!(warn("/home/maya/Documents/dossier"), None, "a local folder is fine");
        for p in ["/mnt/nas/dossier", "/home/maya/Shared Files/dossier", "/home/maya/remote/lib", "/mnt/c/Users/maya/dossier"] {
            let w = warn(p).unwrap_or_else(|| panic!("{p} is on a network file system")).to_string();
            assert!(w.contains("network file system") && w.contains("backup"), "{w}");
        }
        let w = warn("/home/maya/OneDrive/dossier").expect("OneDrive is synced");
        assert!(matches!(&w, Message::LocationCloud { service, .. } if service == "OneDrive"), "{w:?}");
        let w = w.to_string();
        assert!(w.contains("OneDrive folder") && w.contains("local folder") && w.contains("backup"), "{w}");
        assert!(warning_for(Path::new("/home/maya/Documents/dossier"), None).is_none(), "no mount table, no guess");
    }

    #[test]
    fn windows_network_paths_are_told_from_long_local_ones() {
        assert!(is_unc_path(Path::new(r"\\fileserver\advocacy\dossier")));
        assert!(is_unc_path(Path::new(r"\\?\UNC\fileserver\advocacy\dossier")));
        assert!(!is_unc_path(Path::new(r"\\?\C:\Users\maya\dossier")), "a long local path");
        assert!(!is_unc_path(Path::new("/home/maya/dossier")));
    }
}
