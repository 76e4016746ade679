//! `lantian map load|list`: the district boundaries drawn under the maps.

use std::path::PathBuf;

use clap::Subcommand;

use crate::error::{Error, Result};
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum MapCommand {
    /// Replace the boundaries with those of a GeoJSON file (a FeatureCollection of Polygon or
    /// MultiPolygon features with properties `code` or `adcode` and `name`), all or nothing.
    Load {
        file: PathBuf,
        /// Only features whose code starts with this prefix (e.g. 6101 for one city of a province file).
        #[arg(long)]
        within: Option<String>,
    },
    /// List the stored boundaries.
    List,
}

pub async fn run(db: &Db, cmd: MapCommand) -> Result<()> {
    match cmd {
        MapCommand::Load { file, within } => {
            let meta = std::fs::metadata(&file).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::file_error(file.display().to_string(), e.to_string())))?;
            if meta.len() > crate::map::MAX_BYTES as u64 {
                return Err(Error::Invalid(crate::i18n::catalogue::cli::file_too_large(file.display().to_string(), meta.len(), crate::map::MAX_BYTES as u64)));
            }
            let text = std::fs::read_to_string(&file).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::not_utf8_geojson(file.display().to_string(), e.to_string())))?;
            let mut boundaries = crate::map::parse(&text).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::geojson_refused(file.display().to_string(), e.to_string())))?;
            if let Some(prefix) = within.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                boundaries.retain(|b| b.code.starts_with(prefix));
                if boundaries.is_empty() {
                    return Err(Error::Invalid(crate::i18n::catalogue::cli::geojson_none_within(file.display().to_string(), prefix)));
                }
            }
            let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let n = crate::storage::map::replace(db, &Actor::cli(), &boundaries, &source).await?;
            println!("loaded {n} boundaries from {} (the previous boundaries were replaced)", file.display());
        }
        MapCommand::List => {
            for b in crate::storage::map::boundaries(db).await? {
                let points: usize = b.polygons.iter().flatten().map(Vec::len).sum();
                println!("{}  {:<8}  {}  {} polygon(s), {} points", b.code, b.level, b.name, b.polygons.len(), points);
            }
        }
    }
    Ok(())
}
