"""FastAPI anchor for bench/server/run.sh (served by uvicorn, 1 worker).

GET  /hello -> {"msg":"hi"}              (trivial JSON, async handler)
GET  /io    -> {"msg":"hi"} after 50 ms  (simulated I/O wait, non-blocking)
POST /echo  -> the validated record      (the same ten fields as projects/benchmark-plan's EchoRecord)

/hello and /io are copied from ../shared/bench/anchor_apps/fastapi_app.py, where the
anchor figures were measured; /echo is added here so that POST /echo has a FastAPI peer.
"""
import asyncio
from datetime import datetime
from enum import Enum
from typing import List
from uuid import UUID

from fastapi import FastAPI
from pydantic import BaseModel, Extra, Field, constr

app = FastAPI()


class Country(str, Enum):
    DE = "DE"
    FR = "FR"
    GB = "GB"
    JP = "JP"
    US = "US"


class EchoRecord(BaseModel):
    class Config:
        extra = Extra.forbid

    id: int = Field(..., ge=1)
    name: str = Field(..., min_length=1, max_length=64)
    email: str = Field(..., regex=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    age: int = Field(..., ge=0, le=150)
    score: float = Field(..., ge=0, le=1)
    tags: List[constr(min_length=1, max_length=32)] = Field(default_factory=list, max_items=10)
    active: bool
    created_at: datetime
    country: Country
    ref: UUID


@app.get("/hello")
async def hello():
    return {"msg": "hi"}


@app.get("/io")
async def io():
    await asyncio.sleep(0.05)
    return {"msg": "hi"}


@app.post("/echo")
async def echo(record: EchoRecord):
    return record
