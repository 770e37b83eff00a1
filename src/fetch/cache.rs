//! The cache: one folder per source, each call's file beside its manifest
//! (`NAME.csv`, `NAME.json`: URL, time, row count, the query). Both are
//! written to a temporary file and renamed, data first: a call counts as
//! cached once its manifest is there, so an interrupted fetch (Ctrl-C) never
//! leaves a partial file that passes for whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Call, FetchError, Source, Written};

/// The platform's cache folder: `$XDG_CACHE_HOME/eurasia-dash`, else
/// `~/.cache/eurasia-dash`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("eurasia-dash"))
}

pub(super) struct Cache {
    dir: PathBuf,
    source: Source,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    source: String,
    url: String,
    fetched_at: String,
    rows: usize,
    query: String,
    file: String,
}

impl Cache {
    pub(super) fn open(root: &Path, source: Source) -> Result<Self, FetchError> {
        let dir = root.join(source.name());
        fs::create_dir_all(&dir).map_err(|error| FetchError::Cache {
            path: dir.clone(),
            reason: format!("cannot create the folder: {error}"),
        })?;
        Ok(Self { dir, source })
    }

    pub(super) fn data_path(&self, call: &Call) -> PathBuf {
        self.dir.join(format!("{}.csv", call.file))
    }

    fn manifest_path(&self, call: &Call) -> PathBuf {
        self.dir.join(format!("{}.json", call.file))
    }

    fn manifest(&self, call: &Call) -> Option<Manifest> {
        let text = fs::read(self.manifest_path(call)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        // The same name for another URL (an endpoint changed) is not this call.
        (manifest.url == call.url).then_some(manifest)
    }

    pub(super) fn has(&self, call: &Call) -> bool {
        self.data_path(call).is_file() && self.manifest(call).is_some()
    }

    pub(super) fn rows(&self, call: &Call) -> usize {
        self.manifest(call).map_or(0, |m| m.rows)
    }

    pub(super) fn store(&self, call: &Call, written: &Written) -> Result<(), FetchError> {
        let data = self.data_path(call);
        write_atomically(&data, &written.bytes)?;
        let manifest = Manifest {
            source: self.source.name().to_string(),
            url: call.url.clone(),
            fetched_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            rows: written.rows,
            query: call.what.clone(),
            file: data
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let mut text = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
        text.push(b'\n');
        write_atomically(&self.manifest_path(call), &text)
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    let failed = |error: std::io::Error| FetchError::Cache {
        path: path.to_path_buf(),
        reason: format!("cannot write: {error}"),
    };
    let written = fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        // A disk full or a folder made read-only leaves no half file behind.
        let _ = fs::remove_file(&temporary);
    }
    written.map_err(failed)
}
