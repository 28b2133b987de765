//! Deterministic label placement for point charts: each label goes to the first free spot of a
//! fixed list of candidate positions around its point (right, left, above, below, then the
//! diagonals, then the same ring further out with a leader line), never overlapping another
//! label, a marker or a reserved box (quadrant captions), and never leaving the plot. Labels are
//! placed in the order given, so the most important ones get the closest spots.

/// A box in canvas pixels: left, top, right, bottom.
pub(super) type Rect = (i32, i32, i32, i32);

/// Where one label went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Placed {
    /// The label's box.
    pub rect: Rect,
    /// The label is away from its point: draw a line from the point to `leader_to`.
    pub leader_to: Option<(i32, i32)>,
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Ring distances in pixels; beyond the first a leader line joins label and point.
const RINGS: [i32; 9] = [7, 18, 32, 50, 74, 100, 130, 165, 205];

/// Candidate boxes of a `w`×`h` label around `(px, py)` at distance `d`.
fn candidates((px, py): (i32, i32), w: i32, h: i32, d: i32) -> [Rect; 8] {
    let at = |x: i32, y: i32| (x, y, x + w, y + h);
    let diag = d * 7 / 10;
    [
        at(px + d, py - h / 2),
        at(px - d - w, py - h / 2),
        at(px - w / 2, py - d - h),
        at(px - w / 2, py + d),
        at(px + diag, py - diag - h),
        at(px - diag - w, py - diag - h),
        at(px + diag, py + diag),
        at(px - diag - w, py + diag),
    ]
}

/// The point of `r` closest to `(px, py)`, where a leader line ends.
fn nearest_edge(r: &Rect, (px, py): (i32, i32)) -> (i32, i32) {
    (px.clamp(r.0, r.2), py.clamp(r.1, r.3))
}

/// Places labels of the given sizes for the given points, in order. `reserved` holds boxes no
/// label may cover (captions, markers); `bounds` is the plot area. `None` means no free spot.
pub(super) fn place(
    items: &[((i32, i32), i32, i32)],
    reserved: &[Rect],
    bounds: Rect,
) -> Vec<Option<Placed>> {
    let mut taken: Vec<Rect> = reserved.to_vec();
    let mut out = Vec::with_capacity(items.len());
    for &(point, w, h) in items {
        let mut found = None;
        'rings: for (ring, d) in RINGS.iter().enumerate() {
            for r in candidates(point, w, h, *d) {
                let inside = r.0 >= bounds.0 && r.2 <= bounds.2 && r.1 >= bounds.1 && r.3 <= bounds.3;
                if inside && !taken.iter().any(|t| overlaps(&r, t)) {
                    found = Some(Placed {
                        rect: r,
                        leader_to: (ring > 0).then(|| nearest_edge(&r, point)),
                    });
                    break 'rings;
                }
            }
        }
        if let Some(p) = found {
            taken.push(p.rect);
        }
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_cluster_gets_every_label_without_overlap() {
        // Twelve points within a few pixels of each other, as near 1.00/1.00 on a real chart.
        let items: Vec<_> = (0..12)
            .map(|i| ((300 + (i % 4) * 6, 200 + (i / 4) * 5), 120, 14))
            .collect();
        let markers: Vec<Rect> = items
            .iter()
            .map(|((x, y), _, _)| (x - 5, y - 5, x + 5, y + 5))
            .collect();
        let caption = (20, 20, 220, 34);
        let mut reserved = markers.clone();
        reserved.push(caption);
        let placed = place(&items, &reserved, (10, 10, 700, 450));
        assert!(placed.iter().all(Option::is_some), "{placed:?}");
        let rects: Vec<Rect> = placed.iter().map(|p| p.unwrap().rect).collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(!overlaps(a, &caption) && !markers.iter().any(|m| overlaps(a, m)));
            for b in &rects[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        // The first label sits right next to its point, without a leader line.
        assert_eq!(placed[0].unwrap().leader_to, None);
    }

    #[test]
    fn placement_is_deterministic_and_stays_inside() {
        let items = [((695, 15), 80, 14), ((15, 445), 80, 14)];
        let a = place(&items, &[], (10, 10, 700, 450));
        assert_eq!(a, place(&items, &[], (10, 10, 700, 450)));
        for p in a.iter().flatten() {
            assert!(p.rect.0 >= 10 && p.rect.2 <= 700 && p.rect.1 >= 10 && p.rect.3 <= 450);
        }
    }
}
