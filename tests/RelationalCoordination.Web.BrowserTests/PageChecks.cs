namespace RelationalCoordination.Web.BrowserTests;

/// <summary>Scripts the journeys run in a page to measure it: what scrolls sideways, the smallest text.</summary>
internal static class PageChecks
{
    /// <summary>The first visible box that scrolls sideways, or "".</summary>
    internal const string SidewaysScroller = """
        (() => {
            for (const el of document.querySelectorAll('body *')) {
                const style = getComputedStyle(el);
                if (el.offsetParent && /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) return el.outerHTML.slice(0, 120);
            }
            return '';
        })()
        """;

    /// <summary>The smallest rendered text on the page: HTML text, and an SVG's text as its scale draws it.</summary>
    internal const string SmallestText = """
        (() => {
            let min = 99, where = '';
            for (const el of document.querySelectorAll('body *')) {
                if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                if (el.closest('.visually-hidden, title, desc')) continue;
                let size = parseFloat(getComputedStyle(el).fontSize);
                const svg = el.ownerSVGElement;
                if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                if (size < min) { min = size; where = el.outerHTML.slice(0, 100); }
            }
            return min.toFixed(2) + '|' + where;
        })()
        """;
}
