//! The YAML fast path (`src/yaml/fast.rs`) against the general scanner on a typical weekly
//! update, each in isolation, through `yaml::scan`: the sample as it is takes the fast path;
//! the same sample after a `---` line (which the fast path refuses at once) takes the general
//! scanner.

use std::path::Path;

use folio::yaml::Source;

use crate::Mode;

pub(crate) fn fast_path(mode: Mode) {
    let text = "date: 2026-01-16\nauthor: Daniel Okafor\nstatus: {overall: amber, budget: green, scope: green}\n\
        percent_complete: 9\nplanned_percent: 8\nactual_cost: 11000\nestimate_at_completion: 150000\n\
        forecast_end: 2026-07-03\nmilestones:\n  - {id: m1, forecast: 2026-02-20}\nrisks:\n\
        - {id: r-1, probability: 4}\n  - {id: r-2, title: Key engineer leaving, probability: 2, impact: 3, status: open}\n\
        issues:\n  - {id: i-1, status: closed}\nescalations:\n\
        - {id: esc-1, title: Firewall change blocked, severity: high, raised: 2026-01-14, status: open}\n\
        changes:\n  - {id: cr-1, status: approved, schedule_delta_days: 3}\n"
        .replace("\n- ", "\n  - ");
    let general_text = format!("---\n{text}");
    let x = Path::new("x");
    let fast_index = folio::yaml::scan(Source::file(x, &text)).unwrap();
    let general_index = folio::yaml::scan(Source::file(x, &general_text)).unwrap();
    assert_eq!(
        fast_index.root().is_some(),
        general_index.root().is_some(),
        "both read the same document"
    );
    let n = if mode == Mode::Bench { 20_000 } else { 100 };
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(folio::yaml::scan(Source::file(x, std::hint::black_box(&text))).unwrap());
    }
    let fast = t.elapsed().as_secs_f64() / n as f64;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            folio::yaml::scan(Source::file(x, std::hint::black_box(&general_text))).unwrap(),
        );
    }
    let general = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "fast path {:.2} µs, general scanner {:.2} µs per update ({} bytes): {:.1}x",
        fast * 1e6,
        general * 1e6,
        text.len(),
        general / fast
    );
}
