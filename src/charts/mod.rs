//! Charts stage: computed figures to inline SVG (plotters, SVG backend), each with a text
//! alternative.
