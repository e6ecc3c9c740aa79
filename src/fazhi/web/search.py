"""检索: full-text search over the stored reports (corpus/search.py), snippets link to the place."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from .core import reader, render, scope, store

router = APIRouter(include_in_schema=False)
MAX_QUERY = 200


@router.get("/search")
def search_page(request: Request, q: str = "", user=Depends(reader)):
    q = q.strip()[:MAX_QUERY]
    results = store(request).search(q, limit=50, scope=scope(request)) if q else None
    return render(request, "search.html", q=q, results=results)
