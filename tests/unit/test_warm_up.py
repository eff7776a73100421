"""The boot warm-up takes the libraries it loads out of the garbage collector's view."""
from __future__ import annotations

import gc

from govlab.services.theme_suggestions import warm_up


def test_warm_up_freezes_what_it_loaded_so_full_collections_stay_short():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        warm_up()
        # Everything alive now (scikit-learn, the Thai dictionary, the app) is frozen: a full collection
        # no longer walks it.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
