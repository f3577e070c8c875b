"""`/_mock/faults`: injected failures for `/v1/*` requests (our extension, no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.faults import Fault, FaultCreate, FaultDeleted, FaultList, FaultsCleared
from mockserver.web.deps import FaultsServiceDep

router = APIRouter(prefix="/_mock/faults", tags=["control"], route_class=JSONBodyRoute)


@router.post("", response_model=Fault)
async def create_fault(body: FaultCreate, service: FaultsServiceDep) -> Fault:
    """Add a rule; matching requests get its status, latency or a dropped connection."""
    return service.create(body)


@router.get("", response_model=FaultList)
async def list_faults(service: FaultsServiceDep) -> FaultList:
    return FaultList(data=service.list())


@router.delete("", response_model=FaultsCleared)
async def clear_faults(service: FaultsServiceDep) -> FaultsCleared:
    return FaultsCleared(deleted=service.clear())


@router.delete("/{fault_id}", response_model=FaultDeleted)
async def delete_fault(fault_id: str, service: FaultsServiceDep) -> FaultDeleted:
    service.delete(fault_id)
    return FaultDeleted(id=fault_id)
