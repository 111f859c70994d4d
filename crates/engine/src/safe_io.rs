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
            "it is {}, not a regular file",
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
        "it is {} MB; at most {} MB is read",
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
    let staged = stage(path, bytes)?;
    staged
        .temporary
        .persist(&staged.target)
        .map_err(|error| FileProblem::from(error.error))?;
    sync_folder(&staged.folder);
    Ok(())
}

/// A file written and synced beside its target, not yet renamed over it.
struct Staged {
    target: PathBuf,
    folder: PathBuf,
    temporary: tempfile::NamedTempFile,
}

/// Makes the rename of a file in `folder` durable; some file systems cannot sync a folder,
/// and the data itself is already synced, so a failure here is not one to report.
fn sync_folder(folder: &Path) {
    if let Ok(folder) = File::open(folder) {
        folder.sync_all().ok();
    }
}

/// Writes `files` together: either every one is replaced or none is.
///
/// Each is first written and synced to a temporary file beside its target, where a full
/// disk or a read-only folder shows; only when all are written are they renamed over their
/// targets. Should a rename fail part way (it does not on a local disk, where a rename
/// allocates nothing), the files already renamed are put back from hard-linked copies of
/// what they replaced. `Err` names the index of the file that failed and why.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), (usize, FileProblem)> {
    let mut staged = Vec::with_capacity(files.len());
    for (index, (path, bytes)) in files.iter().enumerate() {
        // A failure drops what was staged, which deletes its temporary files.
        staged.push(stage(path, bytes).map_err(|problem| (index, problem))?);
    }
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::with_capacity(staged.len());
    for (index, file) in staged.into_iter().enumerate() {
        let backup = keep_a_copy(&file.target, &file.folder);
        let folder = file.folder.clone();
        match file.temporary.persist(&file.target) {
            Ok(_) => {
                sync_folder(&folder);
                done.push((file.target, backup));
            }
            Err(error) => {
                if let Some(backup) = backup {
                    fs::remove_file(backup).ok();
                }
                for (target, backup) in done.into_iter().rev() {
                    match backup {
                        Some(backup) => fs::rename(backup, &target).ok(),
                        None => fs::remove_file(&target).ok(),
                    };
                }
                return Err((index, FileProblem::from(error.error)));
            }
        }
    }
    for (_, backup) in done {
        if let Some(backup) = backup {
            fs::remove_file(backup).ok();
        }
    }
    Ok(())
}

/// A hard link to `target` under a fresh name in `folder`, to put it back from; `None`
/// when there is no target yet or the file system has no hard links.
fn keep_a_copy(target: &Path, folder: &Path) -> Option<PathBuf> {
    if !target.is_file() {
        return None;
    }
    let name = target.file_name()?.to_string_lossy().into_owned();
    for attempt in 0..8u32 {
        let backup = folder.join(format!(".{name}.{}.{attempt}.kept", std::process::id()));
        if fs::hard_link(target, &backup).is_ok() {
            return Some(backup);
        }
    }
    None
}

/// Writes `bytes` to a synced temporary file beside where `path` really goes.
fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, FileProblem> {
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
    Ok(Staged {
        target,
        folder,
        temporary,
    })
}

/// The same file named twice (`out.png` and `./out.png`, a symbolic link to it, a hard
/// link) compares equal here.
pub fn same_file(first: &Path, second: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(a), Ok(b)) = (fs::metadata(first), fs::metadata(second))
            && a.dev() == b.dev()
            && a.ino() == b.ino()
        {
            return true;
        }
    }
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
    fn files_written_together_are_all_replaced_or_none_is() {
        let folder = tempfile::tempdir().expect("temp dir");
        let first = folder.path().join("a.csv");
        let second = folder.path().join("b.csv");
        fs::write(&first, "old a").expect("write");
        write_all_atomically(&[(&first, b"new a"), (&second, b"new b")]).expect("written");
        assert_eq!(fs::read_to_string(&first).expect("read"), "new a");
        assert_eq!(fs::read_to_string(&second).expect("read"), "new b");
        // The third cannot be written (its folder is missing): the first two stay as
        // they were, and nothing is left beside them.
        let missing = folder.path().join("missing").join("c.csv");
        let (index, problem) = write_all_atomically(&[
            (&first, b"newer a"),
            (&second, b"newer b"),
            (&missing, b"c"),
        ])
        .unwrap_err();
        assert_eq!(index, 2);
        assert_eq!(problem.reason, "no such file or folder");
        assert_eq!(fs::read_to_string(&first).expect("read"), "new a");
        assert_eq!(fs::read_to_string(&second).expect("read"), "new b");
        assert_eq!(fs::read_dir(folder.path()).expect("list").count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_is_the_same_file() {
        let folder = tempfile::tempdir().expect("temp dir");
        let plain = folder.path().join("plan.ron");
        let linked = folder.path().join("other-name.ron");
        fs::write(&plain, "x").expect("write");
        fs::hard_link(&plain, &linked).expect("link");
        assert!(same_file(&plain, &linked));
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
