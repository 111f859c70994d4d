//! Reading and writing the user's files so that nothing surprises them.
//!
//! Reads refuse anything that is not a regular file (a FIFO or `/dev/zero` would block
//! or never end) and anything over a size cap, before reading a byte. Writes go to a
//! temporary file in the target's folder, are synced, and renamed over the target, so
//! the old content or the new is there, never half of either. A write:
//! - refuses to replace something that is not a regular file (a folder, a device, a FIFO);
//! - writes through a symbolic link to the file it points at, keeping the link (a link
//!   to a missing file is refused);
//! - keeps the replaced file's permissions (a new file gets the usual ones, after umask);
//! - syncs the folder after the rename, so the new name survives a power cut.
//!
//! Errors are plain words naming the file, with the operating system's reason once.

use std::fs::{self, File, Permissions};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Largest scenario file read: far above any real scenario (a few KB).
pub const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read or written, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct FileProblem {
    /// What went wrong, without the path (the caller's message names it).
    pub reason: String,
}

impl FileProblem {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }
}

impl From<io::Error> for FileProblem {
    fn from(error: io::Error) -> Self {
        Self::new(describe(&error))
    }
}

/// The operating system's reason in plain words, without "(os error 2)".
pub fn describe(error: &io::Error) -> String {
    use io::ErrorKind as Kind;
    match error.kind() {
        Kind::NotFound => "no such file or folder".to_owned(),
        Kind::PermissionDenied => "permission denied".to_owned(),
        Kind::AlreadyExists => "it already exists".to_owned(),
        Kind::IsADirectory => "it is a folder, not a file".to_owned(),
        Kind::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        Kind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        Kind::StorageFull => "the disk is full".to_owned(),
        Kind::InvalidData => "it is not UTF-8 text".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

/// What kind of thing a path is, for messages ("a folder", "a named pipe").
fn kind_of(metadata: &fs::Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Reads a whole text file of at most `max_bytes`, refusing anything that is not a
/// regular file before opening it.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, FileProblem> {
    let metadata = fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(FileProblem::new(format!(
            "it is {}, not a scenario file",
            kind_of(&metadata)
        )));
    }
    if metadata.len() > max_bytes {
        return Err(too_large(metadata.len(), max_bytes));
    }
    let mut bytes = Vec::new();
    File::open(path)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    String::from_utf8(bytes).map_err(|error| {
        FileProblem::new(format!(
            "it is not UTF-8 text (byte {} is not valid)",
            error.utf8_error().valid_up_to() + 1
        ))
    })
}

fn too_large(bytes: u64, max_bytes: u64) -> FileProblem {
    FileProblem::new(format!(
        "it is {} MB; a scenario file is at most {} MB",
        bytes.div_ceil(1024 * 1024),
        max_bytes / (1024 * 1024)
    ))
}

/// Where a write to `path` really goes: the file a symbolic link points at, or `path`.
fn write_target(path: &Path) -> Result<(PathBuf, Option<Permissions>), FileProblem> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(FileProblem::new("the path names a folder, not a file"));
    }
    let target = match fs::symlink_metadata(path) {
        Ok(link) if link.file_type().is_symlink() => fs::canonicalize(path)
            .map_err(|_| FileProblem::new("it is a symbolic link to a file that does not exist"))?,
        Ok(_) => path.to_owned(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok((path.to_owned(), None));
        }
        Err(error) => return Err(error.into()),
    };
    let metadata = fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(FileProblem::new(format!(
            "it is {}; only a regular file is ever replaced",
            kind_of(&metadata)
        )));
    }
    Ok((target, Some(metadata.permissions())))
}

/// Writes `bytes` to `path` so that either the old or the new content is there, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileProblem> {
    let (target, kept_permissions) = write_target(path)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Created with 0666 and the process's umask applied, like any new file.
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(&folder)?;
    temporary.write_all(bytes)?;
    if let Some(permissions) = kept_permissions {
        fs::set_permissions(temporary.path(), permissions)?;
    }
    temporary.as_file().sync_all()?;
    temporary
        .persist(&target)
        .map_err(|error| FileProblem::from(error.error))?;
    // Make the rename itself durable; some file systems cannot sync a folder.
    if let Ok(folder) = File::open(&folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The same file named twice (`out.png` and `./out.png`) compares equal here.
pub fn same_file(first: &Path, second: &Path) -> bool {
    fn normal(path: &Path) -> PathBuf {
        if let Ok(full) = fs::canonicalize(path) {
            return full;
        }
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        match (fs::canonicalize(parent), path.file_name()) {
            (Ok(folder), Some(name)) => folder.join(name),
            _ => path.to_owned(),
        }
    }
    normal(first) == normal(second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_plain_words_once() {
        let error = io::Error::from_raw_os_error(2);
        assert_eq!(describe(&error), "no such file or folder");
        let other = io::Error::from_raw_os_error(36);
        assert!(
            !describe(&other).contains("os error"),
            "{}",
            describe(&other)
        );
    }

    #[test]
    fn a_folder_is_not_read() {
        let folder = tempfile::tempdir().expect("temp dir");
        let problem = read_text(folder.path(), MAX_SCENARIO_BYTES).unwrap_err();
        assert!(problem.reason.contains("a folder"), "{problem}");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_before_it_is_read() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("big.ron");
        fs::write(&path, vec![b' '; 2048]).expect("write");
        let problem = read_text(&path, 1024).unwrap_err();
        assert!(problem.reason.contains("at most"), "{problem}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_at_once() {
        let problem = read_text(Path::new("/dev/zero"), MAX_SCENARIO_BYTES).unwrap_err();
        assert!(problem.reason.contains("a device"), "{problem}");
        let problem = write_atomically(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(problem.reason.contains("a device"), "{problem}");
    }

    #[cfg(unix)]
    #[test]
    fn a_write_keeps_the_replaced_files_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("plan.ron");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, b"new").expect("written");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_write_goes_through_a_symbolic_link_and_keeps_it() {
        let folder = tempfile::tempdir().expect("temp dir");
        let real = folder.path().join("real.ron");
        let link = folder.path().join("link.ron");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(&link, b"new").expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        let dangling = folder.path().join("dangling.ron");
        std::os::unix::fs::symlink(folder.path().join("missing.ron"), &dangling).expect("symlink");
        let problem = write_atomically(&dangling, b"x").unwrap_err();
        assert!(problem.reason.contains("does not exist"), "{problem}");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("missing-folder").join("x.ron");
        let problem = write_atomically(&path, b"x").unwrap_err();
        assert_eq!(problem.reason, "no such file or folder");
        assert_eq!(fs::read_dir(folder.path()).expect("list").count(), 0);
    }

    #[test]
    fn the_same_file_is_recognised_under_two_spellings() {
        let folder = tempfile::tempdir().expect("temp dir");
        let plain = folder.path().join("out.png");
        let dotted = folder.path().join(".").join("out.png");
        assert!(same_file(&plain, &dotted));
        assert!(!same_file(&plain, &folder.path().join("out.svg")));
    }
}
