//! `lantian hj212 decode|encode`: the codec on the command line, one JSON object per packet.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use clap::Subcommand;

use crate::error::{Error, Result};

#[derive(Subcommand, Debug)]
pub enum Hj212Command {
    /// Read packets from stdin, write one JSON object per packet to stdout. By default every
    /// input line yields exactly one output line, even a line that is no packet at all.
    Decode {
        /// Read a raw byte stream and frame it as the server does, instead of lines.
        #[arg(long)]
        stream: bool,
        /// Deviations to tolerate, comma-separated: modbus_crc, lowercase_crc, missing_crlf, gbk,
        /// length_mismatch, nul_st, unknown_command, oversized; or all / none. Strict by default.
        #[arg(long, default_value = "none")]
        tolerate: String,
        /// SM4 device key (32 hex digits) for HJ 212-2025 encrypted packets.
        #[arg(long)]
        key: Option<String>,
    },
    /// Read JSON objects (one per line, as `decode` writes them) from stdin, write packets to stdout.
    Encode {
        /// SM4 device key (32 hex digits): encrypt CP for CN 2000–2999, 1014 and 3020.
        #[arg(long)]
        key: Option<String>,
    },
}

fn key(hex: &Option<String>) -> Result<Option<hj212::Key>> {
    hex.as_deref()
        .map(|h| hj212::Key::from_hex(h).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::cli::key_hex(h))))
        .transpose()
}

pub fn run(cmd: &Hj212Command) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    match cmd {
        Hj212Command::Decode { stream, tolerate, key: hex } => {
            let tol = hj212::Tolerance::parse(tolerate).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::tolerate(e.0.to_string())))?;
            let key = key(hex)?;
            // JSON is written straight into one reused buffer (hj212::write_*: the same text as
            // the serde_json tree, without building it), flushed in large writes.
            let mut json = Vec::with_capacity(256 * 1024);
            if *stream {
                let mut decoder = hj212::StreamDecoder::new(tol, key);
                let mut buf = vec![0u8; 256 * 1024];
                loop {
                    let n = input.read(&mut buf)?;
                    if n == 0 {
                        decoder.finish_lines(&mut json);
                    } else {
                        decoder.feed_lines(&buf[..n], &mut json);
                    }
                    out.write_all(&json)?;
                    json.clear();
                    if n == 0 {
                        break;
                    }
                }
            } else {
                let mut line = Vec::new();
                loop {
                    line.clear();
                    if input.read_until(b'\n', &mut line)? == 0 {
                        break;
                    }
                    hj212::write_line_json(&line, &tol, key.as_ref(), &mut json);
                    json.push(b'\n');
                    if json.len() >= 192 * 1024 {
                        out.write_all(&json)?;
                        json.clear();
                    }
                }
                out.write_all(&json)?;
            }
        }
        Hj212Command::Encode { key: hex } => {
            let options = hj212::EncodeOptions { key: key(hex)?, ..Default::default() };
            let mut failed = false;
            for (i, line) in input.lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                match hj212::encode_json_line(line.as_bytes(), &options) {
                    Ok(packet) => out.write_all(&packet)?,
                    Err(e) => {
                        eprintln!("line {}: {}", i + 1, e.reason.as_str());
                        failed = true;
                    }
                }
            }
            out.flush()?;
            return Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS });
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
