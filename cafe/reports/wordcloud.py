"""The report's word cloud: the board's renderer when the board kind is installed (same look
and stop words as on the projector), otherwise one drawn here with the wordcloud package."""

import io

from wordcloud import STOPWORDS, WordCloud

from cafe.reports.glyphs import fonts

try:  # the board kind is optional
    from cafe.activities.board.wordcloud import render as board_render
except ImportError:
    board_render = None


def _own_render(texts: list[str], width: int, height: int) -> bytes:
    cloud = WordCloud(width=width, height=height, background_color="white",
                      font_path=str(fonts()[0]), stopwords=STOPWORDS, colormap="viridis",
                      max_words=120, random_state=7, collocations=False)
    image = cloud.generate(" ".join(texts)).to_image()
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def render(texts: list[str], width: int = 1600, height: int = 900) -> bytes | None:
    """A PNG of the words in these texts, or None when there is nothing to draw."""
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return None
    if board_render is not None:
        return board_render(texts, width, height)
    try:
        return _own_render(texts, width, height)
    except ValueError:  # only stop words: nothing to draw
        return None
