"""The reader's names where the first modules imported them: the code is in `pipeline.reading`.

(`MAX_CHARS` here is a copy: to change the limit, patch `pipeline.reading.articles.MAX_CHARS`.)
"""

from .reading import *  # noqa: F403
from .reading import __all__  # noqa: F401
