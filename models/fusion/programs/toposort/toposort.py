"""Topological ordering of a dependency graph (Kahn's algorithm)."""


def topo_order(deps):
    """deps: {node: [nodes it depends on]}. Returns an order with dependencies first."""
    nodes = set(deps)
    for reqs in deps.values():
        nodes.update(reqs)
    indegree = {n: 0 for n in nodes}
    users = {n: [] for n in nodes}
    for node, reqs in deps.items():
        for r in reqs:
            indegree[node] += 1
            users[r].append(node)
    ready = sorted(n for n in nodes if indegree[n] == 0)
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for u in sorted(users[n]):
            indegree[u] -= 1
            if indegree[u] == 0:
                ready.append(u)
        ready.sort()
    if len(order) != len(nodes):
        raise ValueError("cycle detected")
    return order


def has_cycle(deps):
    try:
        topo_order(deps)
    except ValueError:
        return True
    return False
