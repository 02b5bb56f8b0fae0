//! No spec makes the generator's work explode. Each adversarial spec of
//! `xtask/src/adversarial.rs` (recursion through every container and union, dense reference
//! graphs, fan-out whose values grow as a power of depth, nesting at and far past the limit,
//! cycles no value can end) is generated or rejected here while a counting allocator records the heap's high-water
//! mark: it must stay under 1 GiB, and what is written must stay within a fixed multiple of the
//! spec's size. Time is not asserted here (timed tests are flaky); `cargo xtask
//! bench-adversarial` measures the release binary's wall time and peak RSS (`BENCHMARKS.md`).

#[path = "../../xtask/src/adversarial.rs"]
mod adversarial;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes held now and at most since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = HELD.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System::alloc`'s.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System::dealloc`'s.
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is `System::realloc`'s.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const GIB: usize = 1 << 30;

/// Output may be this many times the spec's size: each type and method of a spec gives a
/// bounded amount of code (its struct, setters, method, tests with examples of bounded size).
const OUTPUT_PER_SPEC_BYTE: usize = 1024;

#[test]
fn adversarial_specs_stay_far_below_a_gibibyte_of_heap() {
    let mut report = Vec::new();
    for adversary in adversarial::adversaries() {
        let source = generator::SpecSource {
            path: format!("spec/{}.yaml", adversary.name),
            text: adversary.text.clone(),
        };
        let before = HELD.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let (outcome, written) = match generator::generate(std::slice::from_ref(&source)) {
            Ok(files) => ("generated", files.values().map(String::len).sum::<usize>()),
            Err(generator::Error::Spec(diagnostics)) => {
                assert!(
                    !diagnostics.to_string().is_empty(),
                    "{}: rejected without a diagnostic",
                    adversary.name
                );
                ("rejected", 0)
            }
            Err(other) => panic!("{}: {other}", adversary.name),
        };
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
        report.push(format!(
            "{:<14} {:>8} KiB spec {:>8} KiB written {:>6} MiB peak heap  {outcome}",
            adversary.name,
            adversary.text.len() / 1024,
            written / 1024,
            peak >> 20
        ));
        assert!(
            peak < GIB,
            "{}: the generator's heap peaked at {} MiB ({})",
            adversary.name,
            peak >> 20,
            adversary.about
        );
        assert!(
            written <= OUTPUT_PER_SPEC_BYTE * adversary.text.len(),
            "{}: {written} bytes written for a spec of {} ({})",
            adversary.name,
            adversary.text.len(),
            adversary.about
        );
    }
    eprintln!("{}", report.join("\n"));
}
