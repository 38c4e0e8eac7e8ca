//! `carecheck sign` and `carecheck key show`: signing a PDF carecheck made, and printing what
//! someone needs to check that signature with OpenSSH alone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ssh_key::{HashAlg, PrivateKey};

use super::{CommandResult, Failure};
use crate::foreign_file::{self, Limit};
use crate::report::manifest::{self, SealCheck};
use crate::signing;
use crate::store::DataDir;
use crate::text::one_line;

/// As `verify`: the largest PDF carecheck makes, with room to spare.
const LARGEST_PACK: Limit = Limit {
    bytes: 64 * 1024 * 1024,
    what: "a PDF carecheck makes",
};

#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The PDF to sign (one carecheck made: an evidence pack, action plan, card…).
    pub pack: PathBuf,
    /// Sign with this OpenSSH private key (Ed25519, no passphrase) instead of carecheck's own.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Replace PACK.pdf.sig if it already exists (carecheck never does otherwise).
    #[arg(long)]
    pub force: bool,
}

/// What `carecheck key` does.
#[derive(Debug, clap::Subcommand)]
pub enum KeyCommand {
    /// Print the key `carecheck sign` uses (made on first use), the line to put in an OpenSSH
    /// allowed_signers file, and the `ssh-keygen` command that checks a signed pack.
    Show {
        /// The key `carecheck sign --key` was given, instead of carecheck's own.
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// Print only the allowed_signers line (`carecheck key show --allowed-signers >
        /// allowed_signers`).
        #[arg(long)]
        allowed_signers: bool,
    },
}

/// The key to sign with, and how to name it: the user's own, or carecheck's (made now if
/// there is none yet).
fn key(given: Option<&Path>) -> Result<(PrivateKey, String), Failure> {
    let failed = |e: signing::SigningError| Failure::new(e.to_string());
    if let Some(path) = given {
        let key = signing::user_key(path).map_err(failed)?;
        return Ok((key, format!("your key {}", shown(path))));
    }
    let path = crate::settings::signing_key_path().map_err(|e| Failure::new(e.to_string()))?;
    let (key, made) = signing::own_key(&path).map_err(failed)?;
    let what = if made {
        "carecheck's own key, made now in"
    } else {
        "carecheck's own key, in"
    };
    Ok((key, format!("{what} {}", shown(&path))))
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// `carecheck sign PACK.pdf`: writes PACK.pdf.sig through the one output rule.
pub fn sign(data: &DataDir, args: &SignArgs, out: &mut dyn Write) -> CommandResult {
    let pack = shown(&args.pack);
    let sig_path = super::verify::signature_path(&args.pack);
    crate::output::check_output(&sig_path, data, None, args.force)?;
    let bytes = foreign_file::read(&args.pack, LARGEST_PACK)
        .map_err(|e| Failure::new(format!("{pack}: {e}")))?;
    // A signature vouches for what the file shows: never sign one carecheck did not make, or
    // one changed since.
    let opened = manifest::open(&bytes)
        .map_err(|e| Failure::new(format!("{pack}: {e}; carecheck signs only PDFs it made")))?;
    if matches!(opened.seal, SealCheck::Broken | SealCheck::BytesChanged) {
        return Err(Failure::new(format!(
            "{pack}: was altered after carecheck made it (`carecheck verify` says how); make it again and sign that"
        )));
    }
    let (key, which) = key(args.key.as_deref())?;
    let signature = signing::sign(&key, &bytes).map_err(|e| Failure::new(e.to_string()))?;
    crate::store::fsutil::write_atomic(&sig_path, signature.as_bytes())
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", shown(&sig_path))))?;
    writeln!(
        out,
        "Signed {pack} with {which} ({}).",
        key.public_key().fingerprint(HashAlg::Sha256)
    )?;
    writeln!(out, "Wrote {}.", shown(&sig_path))?;
    how_to_check(&key, &pack, out)?;
    Ok(ExitCode::SUCCESS)
}

/// `carecheck key show`.
pub fn show(key_file: Option<&Path>, only_line: bool, out: &mut dyn Write) -> CommandResult {
    let (key, which) = key(key_file)?;
    if only_line {
        writeln!(out, "{}", signing::allowed_signers_line(key.public_key()))?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Signing key: {} ({which})",
        key.public_key().fingerprint(HashAlg::Sha256)
    )?;
    how_to_check(&key, "PACK.pdf", out)?;
    Ok(ExitCode::SUCCESS)
}

fn how_to_check(key: &PrivateKey, pack: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let public = key.public_key();
    writeln!(
        out,
        "To check a signed file without carecheck, put this line in a file named allowed_signers:"
    )?;
    writeln!(out, "{}", signing::allowed_signers_line(public))?;
    writeln!(out, "and run (OpenSSH 8.1 or later):")?;
    writeln!(out, "{}", verify_command(&signing::principal(public), pack))
}

/// The `ssh-keygen` command that checks `pack` against its `.sig`, quoted for a POSIX shell
/// when the name needs it.
fn verify_command(principal: &str, pack: &str) -> String {
    let sig = quote(&format!("{pack}.sig"));
    let pack = quote(pack);
    format!(
        "ssh-keygen -Y verify -f allowed_signers -I {principal} -n {} -s {sig} < {pack}",
        signing::NAMESPACE
    )
}

fn quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+@:".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
