//! `lantian hj212 decode|encode` (wired to the codec crate).

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Hj212Command {
    /// Read packets from stdin, write one JSON object per packet to stdout.
    Decode {
        /// Read a raw byte stream and frame it as the server does, instead of lines.
        #[arg(long)]
        stream: bool,
        /// Deviations to tolerate, comma-separated (modbus_crc, lowercase_crc, missing_crlf, gbk, all, none).
        #[arg(long, default_value = "none")]
        tolerate: String,
    },
    /// Read JSON objects (one per line) from stdin, write packets to stdout.
    Encode,
}

pub fn run(_cmd: &Hj212Command) -> crate::Result<ExitCode> {
    Err(crate::Error::Other("hj212 codec not wired yet".into()))
}
