"""A page's chars and ruling lines, as pdfplumber's ``page.chars`` and ``page.edges`` give them, computed faster.

pdfplumber builds them by running pdfminer's page interpreter (which tokenizes the content stream byte by
byte) and then turning every pdfminer object into a dict of some 25 attributes. Both steps dominate the
reading time (docs/pdf_reading.md). Here:

* the content stream is tokenized by ``pdf_content`` (one regular expression); pdfminer's own interpreter
  and font code still run every operator, so positions, widths and text are computed by the same code;
* a char becomes a dict of the few keys the reader uses, computed with the formulas of pdfminer's
  ``LTChar`` and pdfplumber's ``Page.process_object`` (same operations, same order: the same floats);
* ruling lines, rectangles and curves come from pdfminer's ``paint_path`` as before and are turned into
  edges by pdfplumber's own ``rect_to_edges`` / ``curve_to_edges`` / ``line_to_edge``;
* tables are found by pdfplumber's ``TableFinder`` on those edges, once per page, with its quadratic
  ``intersections_to_cells`` rewritten (same cells, same order).

tests/unit/test_pdf_page.py checks chars, edges and tables against pdfplumber's on fixture pages and on a
synthetic PDF (form XObject, rotated pages, spacing operators, curves, an inline image), so an upgrade of
pdfminer or pdfplumber that changes their formulas shows up there.
"""
from dataclasses import dataclass

from pdfminer import settings
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import PSKeyword, keyword_name
from pdfminer.utils import apply_matrix_rect
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import curve_to_edges, line_to_edge, obj_to_bbox, rect_to_edges

from .pdf_content import content_operations

_TABLE_SETTINGS = TableSettings.resolve(None)  # pdfplumber's defaults, as page.find_tables() uses them


@dataclass
class PageObjects:
    """What the reader needs of one page."""

    width: float
    chars: list  # pdfplumber-style char dicts (text, x0, x1, top, bottom, size, matrix, y1, upright)
    edges: list  # pdfplumber-style edges of ruling lines, rectangles and curves

    def find_tables(self) -> list:
        """pdfplumber's ``page.find_tables()`` (default settings) on this page's edges."""
        return _TableFinder(self, _TABLE_SETTINGS).tables


class _TableFinder(TableFinder):
    """pdfplumber's TableFinder with a faster ``intersections_to_cells`` (same cells, same order)."""

    def __init__(self, page, settings: TableSettings) -> None:  # pdfplumber's __init__, one call replaced
        self.page = page
        self.settings = settings
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(self.edges, self.settings.intersection_x_tolerance,
                                                    self.settings.intersection_y_tolerance)
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, cell_group) for cell_group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict) -> list:
    """pdfplumber's ``intersections_to_cells``: for each crossing point (in sorted order), the smallest cell
    whose four corners are crossings joined by ruling edges.

    The same search in the same order, without its quadratic parts: pdfplumber scans all later points for
    those below and right of each point and rebuilds the edge sets of both points for every test; here
    points are grouped by column and by row once, and each point's edge sets are built once.
    """
    points = sorted(intersections)
    vertical = {p: set(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    horizontal = {p: set(map(obj_to_bbox, intersections[p]["h"])) for p in points}
    by_x: dict = {}
    by_y: dict = {}
    for p in points:  # sorted by (x, y): each group is in the order pdfplumber's scan meets it
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    def smallest_cell(pt: tuple):
        column, row = by_x[pt[0]], by_y[pt[1]]
        below = column[column.index(pt) + 1:]
        right = row[row.index(pt) + 1:]
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                bottom_right = (right_pt[0], below_pt[1])
                if bottom_right in intersections and connects(bottom_right, right_pt) and \
                        connects(bottom_right, below_pt):
                    return (pt[0], pt[1], bottom_right[0], bottom_right[1])
        return None

    return [cell for cell in map(smallest_cell, points) if cell]


@dataclass(frozen=True)
class _Frame:
    """pdfplumber's page geometry: objects are flipped top-down and shifted by the MediaBox origin."""

    height: float
    mb_x0: float
    mb_top: float
    initial_doctop: float


class _Interpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading content streams through ``pdf_content``.

    ``execute`` repeats pdfminer.six's (20260107): the circular-reference guard and the operator
    dispatch are the same; only the tokenizer differs, and pdfminer's own parser takes over for a stream
    that ``content_operations`` does not read.
    """

    _operators: dict = {}  # operator name (bytes) -> (function, number of operands) or None

    def execute(self, streams) -> None:
        valid_streams = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                continue  # pdfminer skips these too (inline streams, circular references)
            valid_streams.append(stream)
            self.stream_ids.add(stream.objid)
        operations = content_operations([s.get_data() for s in valid_streams])
        if operations is None:
            super().execute(streams)
            return
        known = self._operators
        for operands, keyword in operations:
            argstack = self.argstack  # pop() and some operators replace the list
            if keyword is None:
                argstack.extend(operands)
                break
            operator = known.get(keyword.name, False)
            if operator is False:
                operator = known[keyword.name] = self._lookup(keyword)
            if operator is None:
                argstack.extend(operands)
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {keyword_name(keyword)!r}")
                continue
            func, nargs = operator
            if not nargs:
                argstack.extend(operands)
                func(self)
            elif not argstack and len(operands) == nargs:
                func(self, *operands)  # what pushing them and popping nargs would give
            else:
                argstack.extend(operands)
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(self, *args)

    def do_TJ(self, seq) -> None:
        """pdfminer's do_TJ without copying the graphic state for each string (the device does not use it)."""
        if self.textstate.font is None:
            if settings.STRICT:
                raise PDFInterpreterError("No font specified!")
            return
        self.device.render_string(self.textstate, seq, self.graphicstate.ncs, self.graphicstate)

    @classmethod
    def _lookup(cls, keyword: PSKeyword):
        name = keyword_name(keyword)
        method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
        func = getattr(cls, method, None)
        return None if func is None else (func, func.__code__.co_argcount - 1)


class _Device(PDFLayoutAnalyzer):
    """pdfminer's layout device without LTChar objects: each char goes straight into a dict."""

    def __init__(self, rsrcmgr, frame: _Frame) -> None:
        super().__init__(rsrcmgr, pageno=1, laparams=None)
        self.frame = frame
        self.chars: list = []
        self.glyphs: dict = {}  # font -> {cid: (text, width)}; the font objects are the keys (no id reuse)

    def glyph(self, font, cid: int) -> tuple[str, float]:
        """The char's text and width in text space, as pdfminer's ``render_char`` looks them up."""
        known = self.glyphs.setdefault(font, {})
        if cid not in known:
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            known[cid] = (text, font.char_width(cid))
        return known[cid]

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                                 dxscale, ncs, graphicstate):
        # pdfminer's PDFTextDevice.render_string_horizontal with render_char, LTChar.__init__,
        # translate_matrix and apply_matrix_rect written out: the same operations in the same order
        (x, y) = pos
        needcharspace = False
        (a, b, c, d, e, f) = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        descent = font.get_descent() * fontsize
        low, high = descent + rise, descent + rise + fontsize
        frame, append, glyph, glyphs = self.frame, self.chars.append, self.glyph, self.glyphs
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    ex, fy = x * a + y * c + e, x * b + y * d + f
                    known = glyphs.get(font)
                    text, textwidth = known[cid] if known and cid in known else glyph(font, cid)
                    adv = textwidth * fontsize * scaling
                    left1, bottom1 = a * 0 + c * low + ex, b * 0 + d * low + fy
                    right1, bottom2 = a * adv + c * low + ex, b * adv + d * low + fy
                    right2, top1 = a * adv + c * high + ex, b * adv + d * high + fy
                    left2, top2 = a * 0 + c * high + ex, b * 0 + d * high + fy
                    x0, x1 = min(left1, left2, right1, right2), max(left1, left2, right1, right2)
                    y0, y1 = min(bottom1, bottom2, top1, top2), max(bottom1, bottom2, top1, top2)
                    append(_char_dict(frame, text, x0, y0, x1, y1, y1 - y0, (a, b, c, d, ex, fy), upright))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                super().render_string_horizontal([obj], matrix, (x, y), font, fontsize, scaling, charspace,
                                                 wordspace, rise, dxscale, ncs, graphicstate)  # its warning
        return (x, y)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        # vertical writing: pdfminer's PDFLayoutAnalyzer.render_char and LTChar.__init__ without the object
        text, textwidth = self.glyph(font, cid)
        textdisp = font.char_disp(cid)
        adv = textwidth * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            (vx, vy) = textdisp
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (a, b, c, d, _e, _f) = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        self.chars.append(_char_dict(self.frame, text, x0, y0, x1, y1, x1 - x0 if vertical else y1 - y0,
                                     matrix, upright))
        return adv


def _char_dict(frame: _Frame, text: str, x0, y0, x1, y1, size, matrix, upright: bool) -> dict:
    """The keys of pdfplumber's char dict that the reader uses, computed as ``Page.process_object`` does."""
    if frame.mb_x0 != 0:
        x0, x1 = x0 + frame.mb_x0, x1 + frame.mb_x0
    return {"text": text, "x0": x0, "x1": x1, "y1": y1,
            "top": (frame.height - y1) + frame.mb_top, "bottom": (frame.height - y0) + frame.mb_top,
            "size": size, "matrix": matrix, "upright": upright}


def _path_dict(frame: _Frame, obj: LTCurve, kind: str) -> dict:
    """A line, rect or curve as pdfplumber's ``Page.process_object`` gives it (the keys edges use)."""
    top = (frame.height - obj.y1) + frame.mb_top
    x0, x1 = (obj.x0 + frame.mb_x0, obj.x1 + frame.mb_x0) if frame.mb_x0 != 0 else (obj.x0, obj.x1)
    return {"object_type": kind, "x0": x0, "x1": x1, "y0": obj.y0, "y1": obj.y1,
            "width": obj.width, "height": obj.height, "top": top,
            "bottom": (frame.height - obj.y0) + frame.mb_top, "doctop": frame.initial_doctop + top,
            "pts": [(frame.mb_x0 + x, frame.mb_top + frame.height - y) for x, y in obj.pts]}


def _paths(frame: _Frame, items) -> tuple[list, list, list]:
    """Lines, rects and curves in layout order, descending into form XObjects like pdfplumber."""
    lines: list = []
    rects: list = []
    curves: list = []
    stack = [iter(items)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj))
        elif isinstance(obj, LTLine):
            lines.append(_path_dict(frame, obj, "line"))
        elif isinstance(obj, LTRect):
            rects.append(_path_dict(frame, obj, "rect"))
        elif isinstance(obj, LTCurve):
            curves.append(_path_dict(frame, obj, "curve"))
    return lines, rects, curves


def page_edges(lines: list, rects: list, curves: list) -> list:
    """pdfplumber's ``page.edges``: line edges, then rect edges, then curve edges."""
    return [line_to_edge(line) for line in lines] + [e for r in rects for e in rect_to_edges(r)] + \
        [e for c in curves for e in curve_to_edges(c)]


def read_page_objects(pdf, page) -> PageObjects:
    """Chars and edges of one pdfplumber page (``pdf`` is the open pdfplumber PDF: its resource manager
    caches the fonts across pages)."""
    frame = _Frame(page.height, page.mediabox[0], page.mediabox[1], page.initial_doctop)
    device = _Device(pdf.rsrcmgr, frame)
    _Interpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    return PageObjects(width=page.width, chars=device.chars, edges=page_edges(*_paths(frame, device.cur_item)))
