//! The check an SVG logo passes ([`check`]): a plain drawing that reaches
//! nothing outside itself. An allow-list of elements, attributes and CSS
//! functions rather than a list of what is known to be dangerous: SVG, CSS
//! and the HTML an SVG may hold have too many ways to load or run
//! something (`url()` in any presentation attribute, CSS escapes,
//! `image-set()`, `@import`, HTML elements, `feImage`, animations).

use super::ImageError;

/// The SVG namespace: every element of a logo is in it (or in one of
/// [`METADATA_NAMESPACES`]).
const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The XLink namespace (`xlink:href`, `xlink:title`).
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
/// The XML namespace (`xml:space`, `xml:lang`).
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces of the metadata drawing programs write (Inkscape,
/// Sodipodi, RDF, Dublin Core, Creative Commons). Browsers know none of
/// them, so nothing in them is rendered or interpreted.
const METADATA_NAMESPACES: &[&str] = &[
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
];

/// The SVG elements a logo may hold: shapes, text, structure, paint
/// servers, clipping, masking and filters. Everything else is refused:
/// scripts, links, embedded documents and media (`foreignObject`,
/// `iframe`, `feImage`, …), animations (which can change attributes) and
/// anything unknown.
#[rustfmt::skip]
const SVG_ELEMENTS: &[&str] = &[
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
];

/// The attributes (without a namespace) an SVG element of a logo may
/// carry: geometry, presentation and filter parameters. `href` is checked
/// on its own; every value a CSS parser reads is checked by [`check_css`].
#[rustfmt::skip]
const SVG_ATTRIBUTES: &[&str] = &[
    // core and geometry
    "id", "class", "style", "lang", "tabindex", "role", "focusable", "version",
    "baseProfile", "width", "height", "viewBox", "preserveAspectRatio", "transform",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "d", "points", "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust",
    "startOffset", "method", "spacing", "side", "refX", "refY", "markerWidth",
    "markerHeight", "markerUnits", "orient", "patternUnits", "patternContentUnits",
    "patternTransform", "gradientUnits", "gradientTransform", "spreadMethod", "offset",
    "clipPathUnits", "maskUnits", "maskContentUnits", "filterUnits", "primitiveUnits",
    "type", "media", "requiredFeatures", "systemLanguage", "enable-background",
    // filter primitives
    "in", "in2", "result", "stdDeviation", "mode", "values", "tableValues", "slope",
    "intercept", "amplitude", "exponent", "operator", "k1", "k2", "k3", "k4", "order",
    "kernelMatrix", "divisor", "bias", "targetX", "targetY", "edgeMode",
    "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "scale", "xChannelSelector",
    "yChannelSelector", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY",
    "pointsAtZ", "limitingConeAngle", "baseFrequency", "numOctaves", "seed",
    "stitchTiles", "radius",
    // presentation
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
    "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
    "display", "dominant-baseline", "fill", "fill-opacity", "fill-rule", "filter",
    "flood-color", "flood-opacity", "font-family", "font-size", "font-size-adjust",
    "font-stretch", "font-style", "font-variant", "font-weight", "image-rendering",
    "letter-spacing", "lighting-color", "marker-start", "marker-mid", "marker-end",
    "mask", "mask-type", "opacity", "overflow", "paint-order", "shape-rendering",
    "stop-color", "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-width", "text-anchor", "text-decoration", "text-rendering",
    "transform-origin", "unicode-bidi", "vector-effect", "visibility", "word-spacing",
    "writing-mode", "isolation", "mix-blend-mode",
];

/// CSS functions a logo's styles and attributes may call; every other
/// function (`image-set()`, `image()`, `cross-fade()`, `element()`,
/// `expression()`, `src()`, `paint()`, …) is refused, and `url()` is
/// taken only to a `#fragment` of the image.
#[rustfmt::skip]
const CSS_FUNCTIONS: &[&str] = &[
    "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
    "calc", "min", "max", "clamp", "var",
    "matrix", "matrix3d", "translate", "translatex", "translatey", "translate3d",
    "scale", "scalex", "scaley", "rotate", "skew", "skewx", "skewy",
    "drop-shadow", "blur", "brightness", "contrast", "grayscale", "hue-rotate",
    "invert", "saturate", "sepia",
    "not", "is", "where", "nth-child", "nth-of-type",
];

/// Refuses an SVG document that is not plainly a drawing. It must parse as
/// XML (no DTD, so no entities) with an `<svg>` root in the SVG namespace;
/// every element must be one of [`SVG_ELEMENTS`] in the SVG namespace (or
/// inert metadata, [`METADATA_NAMESPACES`]), every attribute one of
/// [`SVG_ATTRIBUTES`] (or `aria-*`, `data-*`, `xml:space`, `xml:lang`,
/// `xlink:title`, metadata); `href`/`xlink:href` only to a `#fragment` (an
/// `<image>` also to an embedded PNG, JPEG or WebP); and no CSS, in a
/// `<style>` or any attribute, that imports, loads or escapes anything
/// ([`check_css`]).
pub(super) fn check(text: &str) -> Result<(), ImageError> {
    let unsafe_svg = |why: String| ImageError::UnsafeSvg(why);
    let doc = roxmltree::Document::parse(text).map_err(|_| ImageError::UnknownType)?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(ImageError::UnknownType);
    }
    for node in doc.descendants() {
        if node.is_pi() {
            return Err(unsafe_svg("it holds a processing instruction".into()));
        }
        if !node.is_element() {
            continue;
        }
        let tag = node.tag_name();
        let name = tag.name();
        let metadata = tag
            .namespace()
            .is_some_and(|ns| METADATA_NAMESPACES.contains(&ns));
        let known = tag.namespace() == Some(SVG_NS) && SVG_ELEMENTS.contains(&name);
        if !known && !metadata {
            return Err(unsafe_svg(format!(
                "it holds a <{name}> element, which a logo does not need"
            )));
        }
        if known && name == "style" {
            if node.children().any(|c| c.is_element()) {
                return Err(unsafe_svg("its <style> holds elements".into()));
            }
            // The sheet as the browser reads it: its text and CDATA
            // sections joined, comments left out.
            let css: String = node.children().filter_map(|c| c.text()).collect();
            check_css(&css, true).map_err(unsafe_svg)?;
        }
        for attr in node.attributes() {
            check_attribute(name, metadata, &attr).map_err(unsafe_svg)?;
        }
    }
    Ok(())
}

/// One attribute of an element `element` of a logo ([`check`]);
/// `metadata` when the element is in one of [`METADATA_NAMESPACES`].
fn check_attribute(
    element: &str,
    metadata: bool,
    attr: &roxmltree::Attribute<'_, '_>,
) -> Result<(), String> {
    let name = attr.name();
    let value = attr.value();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") {
        return Err(format!("it holds an event handler ({name})"));
    }
    if lower == "href" {
        if metadata || !(attr.namespace().is_none() || attr.namespace() == Some(XLINK_NS)) {
            return Err(format!("it holds an unexpected link ({name})"));
        }
        let fragment = value.trim().starts_with('#') && !value.contains(['\\', '(', ')']);
        if fragment || (element == "image" && embedded_raster(value)) {
            return Ok(());
        }
        return Err("it refers to something outside the image (href)".into());
    }
    let allowed = match attr.namespace() {
        None => {
            metadata
                || SVG_ATTRIBUTES.contains(&name)
                || name.starts_with("aria-")
                || name.starts_with("data-")
        }
        Some(ns) if ns == XML_NS => matches!(name, "space" | "lang"),
        Some(ns) if ns == XLINK_NS => name == "title",
        Some(ns) => METADATA_NAMESPACES.contains(&ns),
    };
    if !allowed {
        return Err(format!(
            "it holds an attribute {name:?}, which a logo does not need"
        ));
    }
    // Names and labels that no CSS parser reads.
    let plain_text = attr.namespace().is_some()
        || matches!(
            name,
            "id" | "class" | "lang" | "role" | "tabindex" | "focusable" | "version" | "baseProfile"
        )
        || name.starts_with("aria-")
        || name.starts_with("data-");
    if metadata || plain_text {
        return Ok(());
    }
    check_css(value, false)
}

/// Whether an `<image>`'s `href` is an embedded PNG, JPEG or WebP.
fn embedded_raster(value: &str) -> bool {
    let v = value.trim();
    ["data:image/png;", "data:image/jpeg;", "data:image/webp;"]
        .iter()
        .any(|p| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// Refuses CSS (a `<style>` sheet when `sheet`, else an attribute's value)
/// that could load or import anything, or hide what it does: escapes
/// (`\75rl(`), at-rules (but `@media` in a sheet), functions other than
/// [`CSS_FUNCTIONS`], and `url()` to anything but a `#fragment`.
fn check_css(css: &str, sheet: bool) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains('\\') {
        return Err("its CSS holds an escape (\\)".into());
    }
    if lower.contains("javascript:") {
        return Err("its CSS holds a script".into());
    }
    for (at, _) in lower.match_indices('@') {
        if !sheet || !lower[at + 1..].starts_with("media") {
            return Err("its CSS holds an at-rule (@import, @font-face, …)".into());
        }
    }
    for (at, _) in lower.match_indices('(') {
        // The name before the parenthesis (SVG's `transform` allows a
        // space between them).
        let before = lower[..at].trim_end();
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                !c.is_ascii() || c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
            })
            .last()
            .map_or(before.len(), |(i, _)| i);
        let function = &before[start..];
        // Words of a media query (`@media (prefers-color-scheme: dark)`,
        // `… and (…)`) are no functions.
        if function.is_empty() || (sheet && matches!(function, "media" | "and" | "or" | "only")) {
            continue;
        }
        if !CSS_FUNCTIONS.contains(&function) {
            return Err(format!(
                "its CSS calls {function}(), which a logo does not need"
            ));
        }
        if function == "url" {
            let target = lower[at + 1..]
                .trim_start()
                .trim_start_matches(['\'', '"'])
                .trim_start();
            if !target.starts_with('#') {
                return Err("its CSS loads a resource (url())".into());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{ImageKind, check_image};

    /// SVG logos that would load, link or embed something outside the
    /// image, however it is spelled.
    const REACHING_OUTSIDE: &[&str] = &[
        // url() in presentation attributes and in style attributes
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://evil.example/x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(http://evil.example/x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect filter="url(https://evil.example/f.svg#f)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect mask="url(//evil.example/m.svg#m)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect clip-path="url( 'https://evil.example/c.svg#c' )"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><path marker-end="url(https://evil.example/m.svg#m)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect cursor="url(https://evil.example/c.png), auto"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:URL(http://evil.example/x)"/></svg>"##,
        // CSS escapes, entities and comments that spell url( or @import
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u\72l(http://evil.example/x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="u\rl(http://evil.example/x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:&#117;rl(http://evil.example/x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:\75 rl(http://evil.example/x)}</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u<!-- -->rl(http://evil.example/x)}</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u<![CDATA[rl(http://evil.example/x)]]>}</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@\69mport "https://evil.example/a.css";</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/a.css";</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[@import url(https://evil.example/a.css);]]></style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{font-family:x;src:url(https://evil.example/f.woff)}</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@media print{@import "https://evil.example/a.css";}</style></svg>"##,
        // other CSS functions that load images
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:image-set("https://evil.example/x.png" 1x)}</style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:-webkit-image-set('https://evil.example/x.png' 1x)"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:image('https://evil.example/x.png')"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:cross-fade(url(#a), src('https://evil.example/x'))"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:é(x)"/></svg>"##,
        // HTML (XHTML namespace) inside the SVG
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:html="http://www.w3.org/1999/xhtml"><html:img src="https://evil.example/x.png"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/x.png"/></foreignObject></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><g><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></g></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:link rel="stylesheet" href="https://evil.example/a.css"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://www.inkscape.org/namespaces/inkscape"><i:x><h:img xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/x"/></i:x></svg>"##,
        // links anywhere but a #fragment
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/s.svg#x"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><use l:href="//evil.example/s.svg#x"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#x"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="g" href="https://evil.example/g.svg#g"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/png;base64,AAAA"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"><feImage href="https://evil.example/x.png"/></filter></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><text>x</text></a></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="urn:other"><use x:href="#c"/></svg>"##,
        // what a drawing does not need
        r##"<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="fill" to="red"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xml:base="https://evil.example/"><use href="#x"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect formaction="https://evil.example/"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><view id="v"/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:red}<b xmlns="urn:x"/></style></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:red;@media x{}"/></svg>"##,
        // not in the SVG namespace at all
        r##"<svg><rect/></svg>"##,
        r##"<svg xmlns="http://www.w3.org/1999/xhtml"><img src="https://evil.example/x"/></svg>"##,
    ];

    #[test]
    fn svg_logos_reaching_outside_the_image_are_refused() {
        for bad in REACHING_OUTSIDE {
            assert!(check_image(bad.as_bytes(), 10_000).is_err(), "{bad}");
        }
    }

    #[test]
    fn what_drawing_programs_write_is_taken() {
        // Inkscape metadata, gradients, clip paths, filters, a dark-mode
        // media query, local references and an embedded PNG.
        let drawn = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
     width="64" height="64" viewBox="0 0 64 64" version="1.1" xml:space="preserve"
     sodipodi:docname="logo.svg" inkscape:version="1.3" role="img" aria-label="Acme @ home (logo)">
  <title>Acme</title>
  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="4"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
    <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>
  <style>
    .mark { fill: url(#grad); stroke: rgb(0, 0, 0); }
    @media (prefers-color-scheme: dark) { .mark { stroke: #fff; } }
  </style>
  <defs>
    <linearGradient id="grad" x1="0" y1="0" x2="1" y2="1" gradientTransform="rotate (45)">
      <stop offset="0" stop-color="#0b7a75"/><stop offset="1" style="stop-color:hsl(170, 80%, 30%)"/>
    </linearGradient>
    <linearGradient id="grad2" xlink:href="#grad"/>
    <clipPath id="clip"><circle cx="32" cy="32" r="30"/></clipPath>
    <filter id="shadow"><feGaussianBlur in="SourceAlpha" stdDeviation="1"/><feOffset dx="1" dy="1" result="o"/>
      <feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
    <symbol id="dot"><circle r="2"/></symbol>
  </defs>
  <g id="layer1" inkscape:label="Layer 1" inkscape:groupmode="layer" clip-path="url(#clip)" filter="url('#shadow')">
    <rect class="mark" width="64" height="64" transform="translate(0 0) scale(1)"/>
    <path d="M10 10 L54 54" style="stroke-width:calc(2px + 1px);fill:none" sodipodi:nodetypes="cc"/>
    <use href="#dot" x="32" y="32"/>
    <text x="4" y="60" font-family="'Helvetica Neue', Arial" font-size="8">Acme</text>
    <image width="1" height="1" xlink:href="data:image/png;base64,iVBORw0KGgo="/>
  </g>
</svg>"##;
        assert_eq!(
            check_image(drawn.as_bytes(), 10_000).map(|i| i.kind),
            Ok(ImageKind::Svg)
        );
    }
}
