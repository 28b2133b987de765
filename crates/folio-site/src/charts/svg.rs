//! Shared drawing kit of the charts: the plotters SVG canvas, the palette, text styles, legend,
//! title and "no data" helpers, the house plots (column frames and meshes, bare axes, the target
//! mark), and the post-processing that turns plotters' output into an inline-ready, accessible,
//! theme-neutral `<svg>`.
//!
//! Theme neutrality works with sentinel colours: everything drawn in [`INK`] (text, axes, grid)
//! becomes `currentColor`, so the page's text colour (light, dark or print) applies; the dashed
//! sentinels [`DASH_INK`] and [`DASH_ORANGE`] become real `stroke-dasharray` lines. Text is laid
//! out with plotters' built-in estimate (no font files) and rendered by the browser.

use crate::markup::escape;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Text, axes and grid: replaced by `currentColor`.
pub(super) const INK: RGBColor = RGBColor(1, 2, 3);
/// A dashed `currentColor` stroke (reference lines).
pub(super) const DASH_INK: RGBColor = RGBColor(1, 2, 4);
/// A dashed orange stroke (forecasts).
pub(super) const DASH_ORANGE: RGBColor = RGBColor(0xf2, 0x8e, 0x2c);

// Mid-saturation palette that holds on light and dark backgrounds (Tableau 10).
pub(super) const BLUE: RGBColor = RGBColor(0x4e, 0x79, 0xa7);
pub(super) const ORANGE: RGBColor = RGBColor(0xf2, 0x8e, 0x2b);
pub(super) const RED: RGBColor = RGBColor(0xe1, 0x57, 0x59);
pub(super) const GREEN: RGBColor = RGBColor(0x59, 0xa1, 0x4f);
pub(super) const YELLOW: RGBColor = RGBColor(0xed, 0xc9, 0x48);
pub(super) const GREY: RGBColor = RGBColor(0x9a, 0x9a, 0x9a);

/// The canvas charts draw on.
pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// What a drawing function returns; errors leave a partly drawn chart, never a panic.
pub(super) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// All text is this much larger than the nominal sizes used in the chart modules, so it stays
/// readable when a chart is scaled down into a half-width card.
const FONT_SCALE: f64 = 1.12;

/// Plotters' SVG backend writes `font-size = size / 1.24`; this gives `px` (scaled) on the page.
pub(super) fn font(px: f64) -> TextStyle<'static> {
    ("sans-serif", px * FONT_SCALE * 1.24).into_font().color(&INK)
}

/// Bold text of `px` pixels.
pub(super) fn bold(px: f64) -> TextStyle<'static> {
    FontDesc::new(FontFamily::SansSerif, px * FONT_SCALE * 1.24, FontStyle::Bold).color(&INK)
}

/// Secondary text (quadrant labels, notes).
pub(super) fn muted(px: f64) -> TextStyle<'static> {
    ("sans-serif", px * FONT_SCALE * 1.24)
        .into_font()
        .color(&INK.mix(0.7))
}

/// Anchors a text style.
pub(super) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// Rough width in pixels of `s` at nominal size `px` (sans-serif average glyph ≈ 0.58 em).
pub(super) fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * FONT_SCALE * 0.58
}

/// Width of a y label area whose longest tick label is like `sample` (12 px) plus the axis title.
pub(super) fn y_label_area(sample: &str) -> u32 {
    (text_width(sample, 12.0) + 42.0).max(60.0) as u32
}

/// `s` cut to at most `max` characters, ending in `…` when cut.
pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Draws `s` at absolute canvas coordinates.
pub(super) fn text(area: &Area, s: &str, pos: (i32, i32), style: &TextStyle<'static>) -> DrawResult {
    area.draw(&Text::new(s.to_owned(), pos, style.clone()))?;
    Ok(())
}

/// Nominal size of the visible title.
const TITLE_PX: f64 = 15.0;
/// Height added to a chart for each title line after the first.
pub(super) const TITLE_LINE: u32 = 20;

/// The visible title broken into at most two lines that fit `width` (the second cut with `…`).
fn title_lines(s: &str, width: u32) -> Vec<String> {
    // Bold glyphs are wider than the average the estimate uses.
    let max = ((f64::from(width) - 24.0) / (TITLE_PX * FONT_SCALE * 0.6)) as usize;
    // Each line with its length in characters, kept as it grows: counting the line again for
    // every word was quadratic in the title's length.
    let mut lines = vec![(String::new(), 0usize)];
    for word in s.split(' ') {
        let full = lines.len() == 2;
        let (line, len) = lines.last_mut().expect("one line");
        if full && *len > max {
            // The second line is cut at `max` anyway: the rest of the title is not shown.
            break;
        }
        let n = word.chars().count();
        if line.is_empty() || *len + 1 + n <= max || full {
            if !line.is_empty() {
                line.push(' ');
                *len += 1;
            }
            line.push_str(word);
            *len += n;
        } else {
            lines.push((word.to_owned(), n));
        }
    }
    lines.iter().map(|(l, _)| truncate(l, max)).collect()
}

/// Extra height a chart needs for its title (0 when it fits on one line).
pub(super) fn title_extra(s: &str, width: u32) -> u32 {
    (title_lines(s, width).len() as u32 - 1) * TITLE_LINE
}

/// The visible chart title, top left, on one or two lines.
pub(super) fn title(area: &Area, s: &str, width: u32) -> DrawResult {
    let style = anchored(bold(TITLE_PX), HPos::Left, VPos::Top);
    for (i, line) in title_lines(s, width).iter().enumerate() {
        text(area, line, (12, 10 + i as i32 * TITLE_LINE as i32), &style)?;
    }
    Ok(())
}

/// The chart header: the title (one or two lines) and below it a one-line legend. Returns the
/// extra height the title took ([`title_extra`]), by which everything below moves down.
pub(super) fn header(
    area: &Area,
    title_text: &str,
    width: u32,
    items: &[(Mark, &str)],
) -> Result<i32, Box<dyn std::error::Error>> {
    title(area, title_text, width)?;
    let top = title_extra(title_text, width) as i32;
    legend(area, items, (14, 44 + top))?;
    Ok(top)
}

/// A centred note such as "No data yet".
pub(super) fn note(area: &Area, s: &str, center: (i32, i32)) -> DrawResult {
    text(
        area,
        s,
        center,
        &anchored(muted(16.0), HPos::Center, VPos::Center),
    )
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark {
    /// A filled box.
    Box(RGBColor),
    /// A box drawn as a translucent fill with a solid outline.
    Outlined(RGBColor),
    /// A short line.
    Line(RGBColor),
    /// A filled circle.
    Circle(RGBColor),
    /// A filled triangle.
    Triangle(RGBColor),
    /// A cross.
    Cross(RGBColor),
    /// A hollow square.
    Square(RGBColor),
}

/// Draws one legend mark centred at `(x, y)`.
pub(super) fn mark(area: &Area, m: Mark, (x, y): (i32, i32)) -> DrawResult {
    match m {
        Mark::Box(c) => area.draw(&Rectangle::new([(x - 6, y - 6), (x + 6, y + 6)], c.filled()))?,
        Mark::Outlined(c) => {
            area.draw(&Rectangle::new(
                [(x - 6, y - 6), (x + 6, y + 6)],
                c.mix(0.3).filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x - 6, y - 6), (x + 6, y + 6)],
                c.stroke_width(2),
            ))?;
        }
        Mark::Line(c) => area.draw(&PathElement::new(vec![(x - 9, y), (x + 9, y)], c.stroke_width(3)))?,
        Mark::Circle(c) => area.draw(&Circle::new((x, y), 5, c.filled()))?,
        Mark::Triangle(c) => area.draw(&TriangleMarker::new((x, y), 6, c.filled()))?,
        Mark::Cross(c) => area.draw(&Cross::new((x, y), 5, c.stroke_width(2)))?,
        Mark::Square(c) => area.draw(&Rectangle::new(
            [(x - 5, y - 5), (x + 5, y + 5)],
            c.stroke_width(2),
        ))?,
    }
    Ok(())
}

/// A one-line legend starting at `(x, y)` (vertical centre).
pub(super) fn legend(area: &Area, items: &[(Mark, &str)], (x, y): (i32, i32)) -> DrawResult {
    let style = anchored(font(12.0), HPos::Left, VPos::Center);
    let mut at = x;
    for (m, label) in items {
        mark(area, *m, (at + 9, y))?;
        text(area, label, (at + 22, y), &style)?;
        at += 22 + text_width(label, 12.0) as i32 + 18;
    }
    Ok(())
}

/// The house look of a chart's axes and grid: ink axes, grid lines at `grid` opacity, no minor
/// lines, tick labels and axis titles in `px` type. Call `.draw()` on what it returns.
pub(super) fn house_mesh<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    grid: f64,
    px: f64,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = XT> + plotters::coord::ranged1d::ValueFormatter<XT>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = YT> + plotters::coord::ranged1d::ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.axis_style(INK.mix(0.8))
        .bold_line_style(INK.mix(grid))
        .light_line_style(TRANSPARENT)
        .label_style(font(px))
        .axis_desc_style(font(px))
}

/// A plot on `f64` axes, as [`money_columns`], [`week_columns`] and the other charts build it.
pub(super) type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The plot of a column chart in money: `n` column slots (`-0.5 .. n − 0.5` on x) against `lo
/// ..= hi`, with the house margins (`margin_top` leaves room for the title and legend), the y
/// axis in compact money of `currency`, no x grid and no x tick labels (each chart writes its own
/// under its columns), and `x_desc` under the x axis when given.
pub(super) fn money_columns<'a, 'b>(
    area: &'a Area<'b>,
    n: usize,
    (lo, hi): (f64, f64),
    margin_top: i32,
    x_desc: Option<&str>,
    currency: &str,
) -> Result<Plot<'a, 'b>, Box<dyn std::error::Error>> {
    let y_area = y_label_area(&crate::format::money_compact(hi, currency));
    let x = -0.5f64..(n as f64 - 0.5);
    let mut chart = frame(area, (margin_top, 16), (48, y_area), x, lo..hi)?;
    let label = |v: &f64| crate::format::money_compact(*v, currency);
    let desc = format!("Revenue ({currency})");
    let axis = ValueAxis {
        ticks: 6,
        label: &label,
        desc: &desc,
    };
    value_mesh(&mut chart, axis, x_desc, (0.15, 12.0))?;
    Ok(chart)
}

/// A plot on `x` × `y` with the house margins: `top` above (the title and legend), 8 px left,
/// `right`, 6 px below, and label areas of `x_area` under and `y_area` beside the plot.
fn frame<'a, 'b>(
    area: &'a Area<'b>,
    (top, right): (i32, i32),
    (x_area, y_area): (u32, u32),
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Plot<'a, 'b>, Box<dyn std::error::Error>> {
    Ok(ChartBuilder::on(area)
        .margin_top(top)
        .margin_left(8)
        .margin_right(right)
        .margin_bottom(6)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x, y)?)
}

/// The mesh of a column chart: no x grid and no x tick labels (each chart writes its own under
/// its columns), the value axis `axis`, `x_desc` under the x axis when given, in the house look
/// with `(grid, px)` ([`house_mesh`]).
fn value_mesh(chart: &mut Plot, axis: ValueAxis, x_desc: Option<&str>, (grid, px): (f64, f64)) -> DrawResult {
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(0)
        .y_labels(axis.ticks)
        .y_label_formatter(axis.label)
        .y_desc(axis.desc);
    if let Some(d) = x_desc {
        mesh.x_desc(d);
    }
    house_mesh(&mut mesh, grid, px).draw()?;
    Ok(())
}

/// The slots of `n` weeks on x (week `i` at `i`), with room for a bar at both ends.
pub(super) fn week_slots(n: usize) -> std::ops::Range<f64> {
    -0.6..(n as f64 - 0.4)
}

/// How a value axis is labelled: the number of ticks, a tick's label and the axis title.
pub(super) struct ValueAxis<'s> {
    pub ticks: usize,
    pub label: &'s dyn Fn(&f64) -> String,
    pub desc: &'s str,
}

/// The plot of a weekly bar chart (utilization, the trend's health counts): [`week_slots`] of
/// `n` weeks on x, no x grid and no x tick labels (each chart writes its own dates), `x_desc`
/// under the x axis, `y` on the value axis `axis`, with the house margins below `margin_top`.
pub(super) fn week_columns<'a, 'b>(
    area: &'a Area<'b>,
    n: usize,
    y: std::ops::Range<f64>,
    margin_top: i32,
    axis: ValueAxis,
    x_desc: &str,
) -> Result<Plot<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = frame(area, (margin_top, 20), (44, 62), week_slots(n), y)?;
    value_mesh(&mut chart, axis, Some(x_desc), (0.12, 11.0))?;
    Ok(chart)
}

/// Bare axes for a chart that writes its own ticks (the milestone timeline, the risk grid): ink
/// axis lines and their titles, no grid and no tick labels.
pub(super) fn bare_axes(chart: &mut Plot, x_desc: &str, y_desc: Option<&str>) -> DrawResult {
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .disable_y_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc(x_desc)
        .axis_style(INK.mix(0.8))
        .axis_desc_style(font(12.0));
    if let Some(d) = y_desc {
        mesh.y_desc(d);
    }
    mesh.draw()?;
    Ok(())
}

/// The header of a column chart against a target: the title and a legend of the two kinds of
/// column and the target, an ink line as [`target_line`] draws it. Returns what [`header`] does.
pub(super) fn target_header(
    area: &Area,
    title_text: &str,
    width: u32,
    [first, second]: [(Mark, &str); 2],
) -> Result<i32, Box<dyn std::error::Error>> {
    header(
        area,
        title_text,
        width,
        &[first, second, (Mark::Line(INK), "target")],
    )
}

/// The target of the column at `x` (half as wide as `half`): an ink line a little wider than the
/// column, at `t`.
pub(super) fn target_line(chart: &mut Plot, x: f64, half: f64, t: f64) -> DrawResult {
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x - half - 0.08, t), (x + half + 0.08, t)],
        INK.stroke_width(3),
    )))?;
    Ok(())
}

/// A chart's `<svg>` element: `draw` on a canvas `height` tall plus the room a wrapped title
/// takes, or, when `empty` gives a reason there is nothing to draw, the empty chart saying so.
pub(super) fn draw_or_empty(
    id: &str,
    title: &str,
    desc: &str,
    (width, height): (u32, u32),
    empty: Option<&str>,
    draw: impl FnOnce(&Area) -> DrawResult,
) -> String {
    if let Some(message) = empty {
        return self::empty(id, title, desc, width, message);
    }
    let h = height + title_extra(title, width);
    let raw = render(width, h, draw);
    finish(id, title, desc, width, h, &raw)
}

/// Draws with `draw` on a `width`×`height` canvas and returns plotters' raw SVG. A drawing error
/// keeps what was drawn so far.
/// A panic inside plotters (it has a few on degenerate ranges) yields a chart with a note instead.
pub(super) fn render(width: u32, height: u32, draw: impl FnOnce(&Area) -> DrawResult) -> String {
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut buf = String::with_capacity(16 * 1024);
        {
            let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
            // A failed drawing leaves a partial chart; the text alternative still carries the data.
            let _ = draw(&root);
            let _ = root.present();
        }
        buf
    }));
    attempt.unwrap_or_else(|_| {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
            let _ = note(
                &root,
                "Chart unavailable: see the table",
                (width as i32 / 2, height as i32 / 2),
            );
            let _ = root.present();
        }
        buf
    })
}

/// Keeps `[A-Za-z0-9_-]` of an id (others become `-`), so it is safe in `id` and `aria-*`.
pub(super) fn safe_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "chart".into()
    } else {
        s
    }
}

/// Rewrites `font-size="15.000000000000002"` (plotters divides by 1.24) to `font-size="15"`.
fn round_font_sizes(body: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = crate::markup::find(rest, KEY) {
        let value_start = at + KEY.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * 10.0).round() / 10.0)),
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Turns plotters' raw SVG into the inline-ready element: own root tag (viewBox, `width="100%"`,
/// no pixel height, `role="img"`, `aria-labelledby`), `<title>`/`<desc>`, sentinel colours
/// replaced by `currentColor` and dash patterns.
pub(super) fn finish(id: &str, title: &str, desc: &str, width: u32, height: u32, raw: &str) -> String {
    let id = safe_id(id);
    let body = raw
        .find("<svg")
        .and_then(|start| raw[start..].find('>').map(|end| &raw[start + end + 1..]))
        .unwrap_or("</svg>");
    let mut body = round_font_sizes(body);
    for (from, to) in [
        (" opacity=\"1\"", ""),
        ("\"#010203\"", "\"currentColor\""),
        ("\"#000000\"", "\"currentColor\""),
        ("\"#010204\"", "\"currentColor\" stroke-dasharray=\"5 4\""),
        ("\"#F28E2C\"", "\"#F28E2B\" stroke-dasharray=\"7 5\""),
    ] {
        body = crate::markup::replace(body, from, to);
    }
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"chart\" data-chart=\"{id}\" font-family=\"sans-serif\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    ));
    out.push_str(body.trim_start());
    out
}

/// Height of a chart that has nothing to plot: the title and a note.
pub(super) const EMPTY_HEIGHT: u32 = 110;

/// The finished SVG of a chart without data: its title and a short note such as "No data yet".
pub(super) fn empty(id: &str, title_text: &str, desc: &str, width: u32, message: &str) -> String {
    let extra = title_extra(title_text, width);
    let raw = render(width, EMPTY_HEIGHT + extra, |area| {
        title(area, title_text, width)?;
        note(area, message, (width as i32 / 2, 70 + extra as i32))
    });
    finish(id, title_text, desc, width, EMPTY_HEIGHT + extra, &raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_to_two_lines() {
        let t = "Earned value S-curve of P-042 A very long project name indeed in USD, as of 2026-11-27";
        let lines = title_lines(t, 600);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines.join(" "), t);
        assert_eq!(title_extra("Short, as of 2026-11-27", 600), 0);
        let huge = "x ".repeat(200);
        assert!(title_lines(&huge, 600)[1].ends_with('…'));
    }

    #[test]
    fn title_lines_of_a_900kb_project_name_take_linear_time() {
        // 900 KB of short words: counting the second line again for every word took 45 s.
        let within_2s = |title: &str| {
            let start = std::time::Instant::now();
            let lines = title_lines(title, 600);
            assert!(
                start.elapsed() < std::time::Duration::from_secs(2),
                "{:?}",
                start.elapsed()
            );
            lines
        };
        let lines = within_2s(&"word ".repeat(180_000));
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        // One 900 KB word, then more words.
        let lines = within_2s(&format!("{} a b", "x".repeat(900_000)));
        assert!(lines[0].ends_with('…'));
    }

    #[test]
    fn escaping_and_ids() {
        assert_eq!(safe_id("a b\"<c>"), "a-b--c-");
        assert_eq!(safe_id(""), "chart");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(
            round_font_sizes("x font-size=\"15.000000000000002\" y"),
            "x font-size=\"15\" y"
        );
    }

    #[test]
    fn finish_replaces_root_and_colours() {
        let raw = render(100, 50, |a| text(a, "hi", (1, 1), &font(12.0)));
        let svg = finish("x", "T & t", "D", 100, 50, &raw);
        assert!(svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" width=\"100%\""));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("<title id=\"x-title\">T &amp; t</title>"));
        assert!(svg.contains("fill=\"currentColor\""));
        assert!(!svg.contains("height=\"50\""));
    }
}
