//! Peak memory and time of every command that reads the registers, on a register of 100,000
//! critical suppliers (issue 29, major 9: the "if it goes down" sentences named every other
//! supplier of the same service, so memory grew with the square of the register). Target:
//! under 500 MiB peak resident memory for each. Measured with `/usr/bin/time -v` around the
//! real binary. `SUPPLIERS=N` changes the size; `CARECHECK_BENCH_BIN` another build.
//!
//! `cargo bench --bench registers_scale`

use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET_KIB: u64 = 500 * 1024;

fn bin() -> PathBuf {
    std::env::var_os("CARECHECK_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_carecheck")),
        PathBuf::from,
    )
}

/// Runs carecheck under `/usr/bin/time -v`: (exit code, peak RSS in KiB, seconds).
fn measured(data: &Path, out: &Path, args: &[&str]) -> (i32, u64, f64) {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin())
        .args(args)
        .env("CARECHECK_DATA_DIR", data)
        .env("CARECHECK_CONFIG_DIR", out.join("config"))
        .env("CARECHECK_TODAY", "2026-11-28")
        .current_dir(out)
        .output()
        .expect("/usr/bin/time runs");
    let report = String::from_utf8_lossy(&output.stderr);
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let rss = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap_or(0);
    // "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
    let elapsed = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let seconds = elapsed.split(':').fold(0.0, |acc, part| {
        acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
    });
    let code = field("Exit status:").parse().unwrap_or(-1);
    (code, rss, seconds)
}

/// An assessment whose register holds `n` critical suppliers, each of two of three services.
fn big_register(data: &Path, out: &Path, n: usize) {
    let (code, _, _) = measured(data, out, &["new", "--org", "Scale Care"]);
    assert_eq!(code, 0, "new");
    let file = data.join("assessments/scale-care/assessment.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    let kinds = ["care-records", "emar", "email"];
    let suppliers: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| {
            (
                format!("supplier-{i}"),
                serde_json::json!({
                    "name": format!("Supplier {i}"),
                    "provides": [kinds[i % 3], kinds[(i + 1) % 3]],
                    "critical": true,
                }),
            )
        })
        .collect();
    value["assessment"]["registers"] = serde_json::json!({ "suppliers": suppliers });
    std::fs::write(&file, serde_json::to_vec_pretty(&value).expect("json")).expect("write");
}

fn main() {
    let n: usize = std::env::var("SUPPLIERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    big_register(&data, &out, n);
    println!(
        "{n} critical suppliers; target: under {} MiB each",
        TARGET_KIB / 1024
    );
    let commands: [&[&str]; 10] = [
        &["status"],
        &["status", "--json"],
        &["list"],
        &["supplier", "list"],
        &["export", "--suppliers", "-o", "suppliers.csv"],
        &["export", "--format", "csv", "-o", "answers.csv"],
        &["export", "--format", "json", "-o", "export.json"],
        &["export", "--format", "md", "-o", "export.md"],
        &["report", "--registers", "-o", "registers.pdf"],
        // Made today, so it is this period's own: renewing it is refused without --force.
        &["renew", "-a", "scale-care", "--keep-editions", "--force"],
    ];
    let mut over = Vec::new();
    for args in commands {
        let (code, rss, seconds) = measured(&data, &out, args);
        let shown = args.join(" ");
        println!(
            "{shown:<55} exit {code}  peak {:>7.1} MiB  {seconds:>6.2} s",
            rss as f64 / 1024.0
        );
        if rss > TARGET_KIB || code > 1 {
            over.push(shown);
        }
    }
    if !over.is_empty() {
        println!("OVER TARGET OR FAILED: {}", over.join("; "));
    }
}
