//! The benchmark helpers of `cargo xtask` (method and figures in `BENCHMARKS.md`):
//! `synth-spec N [PATH]` writes the synthetic spec, `bench-gen` times the whole `generator`
//! process (wall time, and peak memory from `/usr/bin/time -v`), and `bench-build` times
//! crate-only `cargo build` and `cargo check` of the generated crate, per API module (cargo
//! features), in a scratch workspace under `target/bench-build` (never in `generated-sdk/`):
//! after a touch with the incremental cache warm, with that cache deleted, and without
//! incremental compilation; it also counts generated lines per endpoint.

use crate::synth::{synth_spec, synth_spec_with};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

/// Why a benchmark command stopped.
pub enum Failure {
    /// The command line is wrong.
    Usage(String),
    /// Something failed while running.
    Failed(String),
}

type Outcome<T> = Result<T, Failure>;

fn failed(message: impl Into<String>) -> Failure {
    Failure::Failed(message.into())
}

/// The endpoint count used when none is given: the 2,000-endpoint spec.
const DEFAULT_SYNTH: usize = 2000;

/// Where `synth-spec N` writes by default, relative to the workspace root.
fn default_synth_path(endpoints: usize) -> String {
    format!("target/synth/synth-{endpoints}.yaml")
}

fn parse_count(text: &str, what: &str) -> Outcome<usize> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Failure::Usage(format!(
            "{what} must be a positive number, not {text:?}"
        ))),
    }
}

/// Writes the synthetic spec for `endpoints` to `path` (relative to `root` unless absolute).
fn write_synth(root: &Path, endpoints: usize, path: &str) -> Outcome<PathBuf> {
    write_synth_with(root, endpoints, path, false)
}

fn write_synth_with(root: &Path, endpoints: usize, path: &str, chain: bool) -> Outcome<PathBuf> {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| failed(format!("cannot create {}: {e}", parent.display())))?;
    }
    let text = if chain {
        synth_spec_with(endpoints, true)
    } else {
        synth_spec(endpoints)
    };
    fs::write(&full, text).map_err(|e| failed(format!("cannot write {}: {e}", full.display())))?;
    Ok(full)
}

/// `cargo xtask synth-spec N [PATH] [--chain]`: a PATH given is taken from the current
/// directory, the default one from the workspace root.
pub fn synth_spec_command(root: &Path, args: &[&str]) -> Outcome<()> {
    let chain = args.contains(&"--chain");
    let args: Vec<&str> = args.iter().copied().filter(|a| *a != "--chain").collect();
    let (count, path) = match args.as_slice() {
        [n] => {
            let count = parse_count(n, "N")?;
            let mut path = default_synth_path(count);
            if chain {
                path = path.replace(".yaml", "-chain.yaml");
            }
            (count, root.join(path))
        }
        [n, path] => {
            let here = std::env::current_dir().map_err(|e| failed(e.to_string()))?;
            (parse_count(n, "N")?, here.join(path))
        }
        _ => {
            return Err(Failure::Usage(
                "synth-spec takes N and an optional path".into(),
            ));
        }
    };
    let written = write_synth_with(root, count, &path.to_string_lossy(), chain)?;
    let source = generator::SpecSource {
        path: written.to_string_lossy().into_owned(),
        text: fs::read_to_string(&written).map_err(|e| failed(e.to_string()))?,
    };
    let api = generator::models(std::slice::from_ref(&source))
        .map_err(|e| failed(format!("the synthetic spec does not validate:\n{e}")))?;
    println!(
        "{}: {} endpoints, {} types, {} bytes",
        written.display(),
        endpoint_count(&api),
        api.iter().map(|a| a.types.len()).sum::<usize>(),
        source.text.len()
    );
    Ok(())
}

fn count_methods(resources: &[generator::model::Resource]) -> usize {
    resources
        .iter()
        .map(|r| r.methods.len() + count_methods(&r.children))
        .sum()
}

/// Endpoints of validated APIs.
fn endpoint_count(apis: &[generator::model::Api]) -> usize {
    apis.iter().map(|a| count_methods(&a.resources)).sum()
}

/// Endpoints of the specs at `paths` (relative to `root`).
fn endpoints_of(root: &Path, paths: &[String]) -> Outcome<usize> {
    let sources = paths
        .iter()
        .map(|path| {
            let text = fs::read_to_string(root.join(path))
                .map_err(|e| failed(format!("cannot read {path}: {e}")))?;
            Ok(generator::SpecSource {
                path: path.clone(),
                text,
            })
        })
        .collect::<Outcome<Vec<_>>>()?;
    let apis = generator::models(&sources).map_err(|e| failed(e.to_string()))?;
    Ok(endpoint_count(&apis))
}

/// Options shared by `bench-gen` and `bench-build`.
struct Options {
    runs: usize,
    synth: usize,
    modules: Vec<String>,
}

fn parse_options(args: &[&str], runs: usize, modules: bool) -> Outcome<Options> {
    let mut options = Options {
        runs,
        synth: DEFAULT_SYNTH,
        modules: [
            "none",
            "ecs",
            "nirvana",
            "nirvana-compute",
            "synth",
            "synth-group000",
        ]
        .map(str::to_owned)
        .to_vec(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .copied()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match *arg {
            "--runs" => options.runs = parse_count(value("--runs")?, "--runs")?,
            "--synth" => options.synth = parse_count(value("--synth")?, "--synth")?,
            "--modules" if modules => {
                options.modules = value("--modules")?.split(',').map(str::to_owned).collect();
            }
            other => return Err(Failure::Usage(format!("unknown argument {other:?}"))),
        }
    }
    Ok(options)
}

/// Runs a command, failing with its output if it does not succeed.
fn run(command: &mut Command) -> Outcome<()> {
    let output = command
        .output()
        .map_err(|e| failed(format!("cannot run {command:?}: {e}")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(failed(format!(
            "{command:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )))
    }
}

/// The cargo that runs this xtask.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // What `cargo run` sets for xtask must not leak into the measured builds: build scripts
    // (ring's) rerun when `CARGO_MANIFEST_DIR` or `CARGO_PKG_NAME` differ, which would rebuild
    // dependencies between a manual build and this one.
    for (var, _) in std::env::vars_os() {
        let name = var.to_string_lossy();
        let set_by_cargo_run = name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name.as_ref(),
                "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE" | "OUT_DIR"
            );
        let build_settings = matches!(
            name.as_ref(),
            "CARGO_TARGET_DIR" | "RUSTFLAGS" | "CARGO_ENCODED_RUSTFLAGS" | "CARGO_BUILD_JOBS"
        );
        if set_by_cargo_run || build_settings {
            command.env_remove(&var);
        }
    }
    command
}

/// The machine's load average as `uptime` shows it, to record how quiet the measurement was.
fn load() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// What `/usr/bin/time -v` reports that we keep.
#[derive(Default)]
struct TimeReport {
    max_rss_kib: u64,
    user_s: f64,
    system_s: f64,
}

fn parse_time_report(text: &str) -> TimeReport {
    let mut report = TimeReport::default();
    for line in text.lines() {
        let line = line.trim();
        let value = |prefix: &str| line.strip_prefix(prefix).map(str::trim);
        if let Some(v) = value("Maximum resident set size (kbytes):") {
            report.max_rss_kib = v.parse().unwrap_or(0);
        } else if let Some(v) = value("User time (seconds):") {
            report.user_s = v.parse().unwrap_or(0.0);
        } else if let Some(v) = value("System time (seconds):") {
            report.system_s = v.parse().unwrap_or(0.0);
        }
    }
    report
}

const TIME: &str = "/usr/bin/time";

/// `cargo xtask bench-gen`: the whole `generator` process (release build) on each spec.
/// Where `bench-gen` writes: a memory file system (`/dev/shm`) if there is one. On ext4, creating
/// a file right after deleting hundreds (each run starts from an empty folder) scans the inodes
/// deleted in the last seconds, which cost 0.2-0.5 ms a file and grew with every run
/// (`BENCHMARKS.md`, finding 16): that measured the file system, not the generator.
fn output_root(root: &Path) -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() && fs::create_dir_all(shm.join("sdk-bench-gen")).is_ok() {
        shm.join("sdk-bench-gen")
    } else {
        root.join("target/bench/gen-out")
    }
}

pub fn bench_gen(root: &Path, args: &[&str]) -> Outcome<()> {
    let options = parse_options(args, 20, false)?;
    if !Path::new(TIME).exists() {
        return Err(failed(format!(
            "{TIME} is missing: install Debian's `time` package (apt-get install -y time)"
        )));
    }
    let synth = default_synth_path(options.synth);
    write_synth(root, options.synth, &synth)?;
    let target = root.join("target/bench");
    eprintln!("building the generator (release) into {}", target.display());
    run(cargo()
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args(["build", "--quiet", "--release", "-p", "generator"]))?;
    let binary = target.join("release/generator");
    let cases: Vec<(String, Vec<String>)> = vec![
        ("ecs".into(), vec!["spec/ecs.yaml".into()]),
        ("nirvana".into(), vec!["spec/nirvana.yaml".into()]),
        (
            "ecs+nirvana".into(),
            vec!["spec/ecs.yaml".into(), "spec/nirvana.yaml".into()],
        ),
        (format!("synth-{}", options.synth), vec![synth.clone()]),
    ];
    println!(
        "generator process, release build, {} runs each (+1 warm-up), fresh output directory each run",
        options.runs
    );
    println!("load average before: {}", load());
    println!(
        "{:<14} {:>9} {:>10} {:>10} {:>10} {:>12} {:>10}",
        "specs", "endpoints", "median ms", "min ms", "max ms", "endpoints/s", "peak RSS"
    );
    let out_root = output_root(root);
    println!("output under {}", out_root.display());
    for (name, specs) in &cases {
        let endpoints = endpoints_of(root, specs)?;
        let out = out_root.join(name);
        let report_file = root.join("target/bench/time.txt");
        let mut walls = Vec::new();
        let mut cpu = Vec::new();
        let mut rss = 0;
        for run_index in 0..=options.runs {
            if out.exists() {
                fs::remove_dir_all(&out)
                    .map_err(|e| failed(format!("cannot clear {}: {e}", out.display())))?;
            }
            let mut command = Command::new(TIME);
            command
                .current_dir(root)
                .arg("-v")
                .arg("-o")
                .arg(&report_file)
                .arg(&binary)
                .args(specs)
                .arg("--out")
                .arg(&out);
            let started = Instant::now();
            run(&mut command)?;
            let wall = started.elapsed();
            let report = parse_time_report(&fs::read_to_string(&report_file).unwrap_or_default());
            if run_index == 0 {
                continue; // warm-up: page cache, binary loaded
            }
            walls.push(ms(wall));
            cpu.push((report.user_s + report.system_s) * 1000.0);
            rss = rss.max(report.max_rss_kib);
        }
        let min = walls.iter().copied().fold(f64::INFINITY, f64::min);
        let max = walls.iter().copied().fold(0.0, f64::max);
        let med = median(&mut walls);
        println!(
            "{:<14} {:>9} {:>10.1} {:>10.1} {:>10.1} {:>12.0} {:>7.1} MiB   (user+sys median {:.0} ms)",
            name,
            endpoints,
            med,
            min,
            max,
            endpoints as f64 / (med / 1000.0),
            rss as f64 / 1024.0,
            median(&mut cpu)
        );
    }
    println!("load average after: {}", load());
    // A memory file system's files take memory until removed.
    let _ = fs::remove_dir_all(&out_root);
    Ok(())
}

/// Lines of the Rust files in `dir` and its folders (a module per resource): all, code (not
/// blank, not a comment), and those of the files named `resources.rs`.
fn lines_in(dir: &Path) -> (usize, usize, usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return (0, 0, 0);
    };
    let (mut all, mut code, mut resources) = (0, 0, 0);
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (a, c, r) = lines_in(&path);
            (all, code, resources) = (all + a, code + c, resources + r);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let lines = text.lines().count();
            all += lines;
            code += text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with("//"))
                .count();
            if path.file_name().is_some_and(|n| n == "resources.rs") {
                resources += lines;
            }
        }
    }
    (all, code, resources)
}

/// Sets the modification time of `file` to now, so cargo rebuilds its crate (and only it).
fn touch(file: &Path) -> Outcome<()> {
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| failed(format!("cannot touch {}: {e}", file.display())))
}

/// `cargo xtask bench-build`: crate-only `cargo build` and `cargo check` times of the generated
/// crate with one API module each, in a scratch workspace under `target/bench-build`.
pub fn bench_build(root: &Path, args: &[&str]) -> Outcome<()> {
    let options = parse_options(args, 3, true)?;
    let synth = default_synth_path(options.synth);
    write_synth(root, options.synth, &synth)?;
    let base = root.join("target/bench-build");
    let scratch = base.join("ws");
    let target = base.join("target");
    let krate = scratch.join("generated-sdk");

    // The scratch workspace: the generated crate and the workspace's lock file, nothing else
    // (the generated crate depends on no other member).
    if krate.exists() {
        fs::remove_dir_all(&krate)
            .map_err(|e| failed(format!("cannot clear {}: {e}", krate.display())))?;
    }
    fs::create_dir_all(&krate).map_err(|e| failed(e.to_string()))?;
    fs::write(
        scratch.join("Cargo.toml"),
        "# Scratch workspace of `cargo xtask bench-build`.\n[workspace]\nresolver = \"3\"\nmembers = [\"generated-sdk\"]\n",
    )
    .map_err(|e| failed(e.to_string()))?;
    fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"))
        .map_err(|e| failed(format!("cannot copy Cargo.lock: {e}")))?;
    let spec_paths = [
        "spec/ecs.yaml".to_owned(),
        "spec/nirvana.yaml".to_owned(),
        synth,
    ];
    let sources = spec_paths
        .iter()
        .map(|path| {
            Ok(generator::SpecSource {
                path: path.clone(),
                text: fs::read_to_string(root.join(path))
                    .map_err(|e| failed(format!("cannot read {path}: {e}")))?,
            })
        })
        .collect::<Outcome<Vec<_>>>()?;
    let apis = generator::models(&sources).map_err(|e| failed(e.to_string()))?;
    let files = generator::generate(&sources).map_err(|e| failed(e.to_string()))?;
    generator::write::write(&krate, &files)
        .map_err(|e| failed(format!("cannot write the scratch crate: {e}")))?;
    eprintln!("generated the scratch crate {}", krate.display());

    // Lines of generated code per endpoint.
    let (runtime_all, runtime_code, _) = lines_in(&krate.join("src/runtime"));
    println!("lines of generated code (code = not blank, not a comment or doc line)");
    println!(
        "{:<9} {:>9} {:>9} {:>9} {:>12} {:>12} {:>14}",
        "module", "endpoints", "lines", "code", "lines/endp.", "code/endp.", "resources/endp."
    );
    println!(
        "{:<9} {:>9} {:>9} {:>9}",
        "runtime", "-", runtime_all, runtime_code
    );
    for api in &apis {
        let endpoints = count_methods(&api.resources);
        let dir = krate.join("src").join(&api.module);
        let (all, code, resources) = lines_in(&dir);
        println!(
            "{:<9} {:>9} {:>9} {:>9} {:>12.1} {:>12.1} {:>14.1}",
            api.module,
            endpoints,
            all,
            code,
            all as f64 / endpoints as f64,
            code as f64 / endpoints as f64,
            resources as f64 / endpoints as f64
        );
    }

    println!(
        "\ncrate-only rebuilds of generated-sdk (dependencies built, not timed), {} runs each:\n  \
         touched: src/lib.rs touched, incremental cache warm (nothing changed: the cheapest rebuild)\n  \
         fresh: the crate's incremental cache deleted first (every line changed, as after a regeneration)\n  \
         non-incr: CARGO_INCREMENTAL=0, touched (a full compile of the crate, as CI does it)",
        options.runs
    );
    println!("load average before: {}", load());
    println!(
        "{:<9} {:<6} {:<9} {:>10} {:>10} {:>10}",
        "module", "cargo", "rebuild", "median s", "min s", "max s"
    );
    let lib = krate.join("src/lib.rs");
    let incremental = target.join("debug/incremental");
    let forget_incremental = || -> Outcome<()> {
        let Ok(entries) = fs::read_dir(&incremental) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("generated_sdk-")
            {
                fs::remove_dir_all(entry.path()).map_err(|e| {
                    failed(format!("cannot delete {}: {e}", entry.path().display()))
                })?;
            }
        }
        Ok(())
    };
    let variants: [(&str, &str); 5] = [
        ("build", "touched"),
        ("build", "fresh"),
        ("build", "non-incr"),
        ("check", "touched"),
        ("check", "fresh"),
    ];
    for module in &options.modules {
        let features: Vec<&str> = match module.as_str() {
            "all" => vec![],
            "none" => vec!["--no-default-features"],
            m => vec!["--no-default-features", "--features", m],
        };
        for (subcommand, variant) in variants {
            let command = || {
                let mut command = cargo();
                command
                    .current_dir(&scratch)
                    .env("CARGO_TARGET_DIR", &target)
                    .args([subcommand, "--quiet", "-p", "generated-sdk"])
                    .args(&features);
                if variant == "non-incr" {
                    command.env("CARGO_INCREMENTAL", "0");
                }
                command
            };
            // Warm-up: builds the dependencies for this feature set and settings, not timed.
            run(&mut command())?;
            let mut times = Vec::new();
            for _ in 0..options.runs {
                touch(&lib)?;
                if variant == "fresh" {
                    forget_incremental()?;
                }
                let started = Instant::now();
                run(&mut command())?;
                times.push(started.elapsed().as_secs_f64());
            }
            let min = times.iter().copied().fold(f64::INFINITY, f64::min);
            let max = times.iter().copied().fold(0.0, f64::max);
            println!(
                "{:<9} {:<6} {:<9} {:>10.2} {:>10.2} {:>10.2}",
                module,
                subcommand,
                variant,
                median(&mut times),
                min,
                max
            );
        }
    }
    println!("load average after: {}", load());
    Ok(())
}

/// `cargo xtask bench-adversarial [--runs R]`: the release `generator` process on each
/// adversarial spec (`adversarial.rs`), its wall time, peak memory (`/usr/bin/time -v`), whether
/// it generated or rejected the spec, and how much it wrote. The goal: under 10 s and 1 GiB each.
pub fn bench_adversarial(root: &Path, args: &[&str]) -> Outcome<()> {
    let options = parse_options(args, 3, false)?;
    if !Path::new(TIME).exists() {
        return Err(failed(format!(
            "{TIME} is missing: install Debian's `time` package (apt-get install -y time)"
        )));
    }
    let target = root.join("target/bench");
    eprintln!("building the generator (release) into {}", target.display());
    run(cargo()
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args(["build", "--quiet", "--release", "-p", "generator"]))?;
    let binary = target.join("release/generator");
    let dir = target.join("adversarial");
    fs::create_dir_all(&dir)
        .map_err(|e| failed(format!("cannot create {}: {e}", dir.display())))?;
    println!(
        "generator process, release build, {} runs each (+1 warm-up); goal: < 10 s and < 1 GiB each",
        options.runs
    );
    println!("load average before: {}", load());
    println!(
        "{:<14} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10}  what",
        "family", "spec KiB", "median ms", "max ms", "peak RSS", "out MiB", "outcome"
    );
    let mut over = Vec::new();
    for adversary in crate::adversarial::adversaries() {
        let spec = dir.join(format!("{}.yaml", adversary.name));
        fs::write(&spec, &adversary.text)
            .map_err(|e| failed(format!("cannot write {}: {e}", spec.display())))?;
        let out = dir.join(format!("{}-out", adversary.name));
        let report_file = dir.join("time.txt");
        let (mut walls, mut rss, mut outcome) = (Vec::new(), 0, "");
        for run_index in 0..=options.runs {
            let _ = fs::remove_dir_all(&out);
            let started = Instant::now();
            let status = Command::new(TIME)
                .args(["-v", "-o"])
                .arg(&report_file)
                .arg(&binary)
                .arg(&spec)
                .arg("--out")
                .arg(&out)
                .output()
                .map_err(|e| failed(format!("cannot run {}: {e}", binary.display())))?
                .status;
            let wall = started.elapsed();
            // 1: the spec was rejected with diagnostics; anything else but 0 is a failure.
            outcome = match status.code() {
                Some(0) => "generated",
                Some(1) => "rejected",
                _ => {
                    return Err(failed(format!(
                        "{}: the generator {status}",
                        adversary.name
                    )));
                }
            };
            let report = parse_time_report(&fs::read_to_string(&report_file).unwrap_or_default());
            if run_index > 0 {
                walls.push(ms(wall));
                rss = rss.max(report.max_rss_kib);
            }
        }
        let max = walls.iter().copied().fold(0.0, f64::max);
        let med = median(&mut walls);
        let written = dir_size(&out) as f64 / (1024.0 * 1024.0);
        println!(
            "{:<14} {:>9.0} {:>10.0} {:>10.0} {:>6.0} MiB {:>10.1} {:>10}  {}",
            adversary.name,
            adversary.text.len() as f64 / 1024.0,
            med,
            max,
            rss as f64 / 1024.0,
            written,
            outcome,
            adversary.about
        );
        if max > 10_000.0 || rss > 1024 * 1024 {
            over.push(adversary.name);
        }
    }
    if over.is_empty() {
        println!("every adversarial spec: under 10 s and 1 GiB");
        Ok(())
    } else {
        Err(failed(format!("over 10 s or 1 GiB: {}", over.join(", "))))
    }
}

/// The bytes of the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => dir_size(&entry.path()),
            _ => entry.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The synthetic spec is valid, has exactly the endpoints and types asked for, and is the
    /// same text every time.
    #[test]
    fn synthetic_specs_are_valid_and_sized_as_asked() {
        for endpoints in [1, 9, 40, 203] {
            let text = synth_spec(endpoints);
            assert_eq!(text, synth_spec(endpoints));
            let source = generator::SpecSource {
                path: "target/synth/synth.yaml".into(),
                text,
            };
            let apis = generator::models(std::slice::from_ref(&source))
                .unwrap_or_else(|e| panic!("{endpoints} endpoints:\n{e}"));
            assert_eq!(count_methods(&apis[0].resources), endpoints);
            assert_eq!(apis[0].types.len(), (endpoints / 2).max(3));
        }
        // The emitters and the formatter accept it too.
        let source = generator::SpecSource {
            path: "target/synth/synth-40.yaml".into(),
            text: synth_spec(40),
        };
        let files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            files.contains_key("src/synth/resources.rs"),
            "{:?}",
            files.keys()
        );
    }

    #[test]
    fn time_reports_are_read() {
        let report = parse_time_report(
            "\tCommand being timed: \"x\"\n\tUser time (seconds): 0.03\n\tSystem time (seconds): 0.01\n\tMaximum resident set size (kbytes): 23456\n",
        );
        assert_eq!(report.max_rss_kib, 23456);
        assert!((report.user_s - 0.03).abs() < 1e-9 && (report.system_s - 0.01).abs() < 1e-9);
    }
}
