"""Response models of the public contract: what each JSON answer holds, in OpenAPI.

The pattern every route follows (the FastAPI template's): declare ``response_model=`` on
the route, build the data as a plain dict (or the model), and let FastAPI validate and
document it. A page and its JSON twin come from one view and so from one model: the view
returns ``render(request, template, data, ...)`` with ``data`` checked against the model
(``Model.model_validate(data).model_dump(mode="json")``, see :func:`ecosystem.api.schemas.base.checked`).

Keys are French (the public contract's language, declared here once); nested parts that an
analysis defines are typed as far as they are stable and otherwise left open
(``extra="allow"``), so an analysis can add a key without breaking a client.
"""

from ..schemas.base import Model, Problem, Ref, checked, problems
from ..schemas.entities import (
    ActorDetail,
    ActorsPage,
    ActorSummary,
    InstanceDetail,
    InstancesPage,
    InstanceSummary,
    IssueDetail,
    Member,
    TerritoryDetail,
)

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "ActorsPage",
    "InstanceDetail",
    "InstanceSummary",
    "InstancesPage",
    "IssueDetail",
    "Member",
    "Model",
    "Problem",
    "Ref",
    "TerritoryDetail",
    "checked",
    "problems",
]
