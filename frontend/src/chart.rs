//! The geometry of the growth charts: a series of (day, value) points scaled into an SVG box as
//! a line and the area under it, with the range the axis labels show. Drawn as plain SVG (no chart
//! library: the first load stays small), stretched to any width, so it reads on a phone too.

use chrono::NaiveDate;

/// A series placed in a `width` × `height` box.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    /// The line: `M x y L x y ...`.
    pub line: String,
    /// The area under the line, closed along the bottom.
    pub area: String,
    /// The smallest value shown (the bottom of the box).
    pub low: f64,
    /// The largest value shown (the top of the box).
    pub high: f64,
    /// The first day.
    pub first: NaiveDate,
    /// The last day.
    pub last: NaiveDate,
    /// Each point's place, for the dots.
    pub dots: Vec<(f64, f64)>,
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Places `points` (any order; days without a value left out by the caller) in the box: x by
/// day from the first to the last, y from `low` (bottom) to `high` (top), with 8 % of room above
/// and below; a flat series sits in the middle. `None` without points.
pub fn plot(points: &[(NaiveDate, f64)], width: f64, height: f64) -> Option<Plot> {
    let mut points: Vec<(NaiveDate, f64)> = points
        .iter()
        .copied()
        .filter(|(_, value)| value.is_finite())
        .collect();
    points.sort_by_key(|(day, _)| *day);
    let (first, _) = *points.first()?;
    let (last, _) = *points.last()?;
    let min = points.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let max = points
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let spread = max - min;
    let room = if spread > 0.0 {
        spread * 0.08
    } else {
        (max.abs() * 0.05).max(1.0)
    };
    let (low, high) = (min - room, max + room);
    let days = (last - first).num_days().max(0) as f64;
    let place = |(day, value): (NaiveDate, f64)| {
        let x = if days > 0.0 {
            (day - first).num_days() as f64 / days * width
        } else {
            width / 2.0
        };
        let y = height - (value - low) / (high - low) * height;
        (round(x), round(y))
    };
    let dots: Vec<(f64, f64)> = points.iter().copied().map(place).collect();
    let mut line = String::new();
    if dots.len() == 1 {
        // One reading: a level line across the box.
        let y = dots[0].1;
        line.push_str(&format!("M0 {y} L{} {y}", round(width)));
    } else {
        for (i, (x, y)) in dots.iter().enumerate() {
            line.push_str(if i == 0 { "M" } else { " L" });
            line.push_str(&format!("{x} {y}"));
        }
    }
    let (start, end) = if dots.len() == 1 {
        (0.0, round(width))
    } else {
        (dots[0].0, dots[dots.len() - 1].0)
    };
    let area = format!(
        "{line} L{end} {} L{start} {} Z",
        round(height),
        round(height)
    );
    Some(Plot {
        line,
        area,
        low,
        high,
        first,
        last,
        dots,
    })
}

/// Growth from the first to the last value, in percent ("+6.7 %", "−2.0 %"); none from zero.
pub fn change_percent(first: f64, last: f64) -> Option<String> {
    if first <= 0.0 {
        return None;
    }
    let change = (last - first) / first * 100.0;
    let sign = if change < 0.0 { "−" } else { "+" };
    Some(format!("{sign}{:.1} %", change.abs()))
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
