//! A small timing harness for `cargo bench`: runs a closure many times and prints the median,
//! the fastest and the slowest run, so figures can be copied into BENCHMARKS.md.

#![allow(dead_code, reason = "each bench uses a different subset")]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Runs `f` `runs` times after one warm-up run and prints one line of results.
pub fn measure<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<55} median {:>10}  min {:>10}  max {:>10}  ({runs} runs)",
        show(median),
        show(times[0]),
        show(times[times.len() - 1])
    );
    median
}

fn show(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.1} µs")
    } else {
        format!("{:.2} ms", micros / 1000.0)
    }
}

/// A synthetic checklist with `items` items in sections of 60, with realistic text lengths,
/// a typed answer on every fifth item and a link on every third.
pub fn synthetic_checklist(items: usize) -> String {
    let mut text = String::from(
        "format = 1\nid = \"bench\"\ntitle = \"Benchmark\"\nedition = \"1\"\npublisher = \"carecheck\"\n\
         source_url = \"https://example.org/\"\nlicence = \"Test data\"\nsummary = \"Generated.\"\n\
         [[levels]]\nid = \"met\"\nname = \"Met\"\ndescription = \"All met.\"\n",
    );
    let guidance =
        "Check that the control is in place across every site, and keep the evidence. ".repeat(8);
    for i in 0..items {
        if i % 60 == 0 {
            let _ = write!(
                text,
                "\n[[sections]]\nid = \"S{}\"\ntitle = \"Section {}\"\n",
                i / 60,
                i / 60
            );
        }
        let _ = write!(
            text,
            "\n[[sections.items]]\nid = \"I{i}\"\ntitle = \"Control number {i}\"\n\
             question = \"Is control {i} in place and working as intended?\"\nguidance = \"{guidance}\"\n\
             evidence = [\"A policy document\", \"A screenshot of the setting\"]\nlevels = [\"met\"]\n\
             review_months = 12\nreferences = [{{ title = \"Reference {i}\", url = \"https://example.org/{i}\" }}]\n"
        );
        if i % 5 == 0 {
            text.push_str(
                "answer = { kind = \"percentage\", label = \"Share\", threshold = 95 }\n",
            );
        }
        if i % 3 == 0 && i > 0 {
            let _ = writeln!(text, "links = [\"bench:I{}\"]", i - 1);
        }
    }
    text
}
