"""Breadth-first search on unweighted graphs given as adjacency dicts."""
from collections import deque


def shortest_path(graph, start, goal):
    """List of nodes from start to goal, or None when unreachable."""
    if start == goal:
        return [start]
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return None


def distances(graph, start):
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def components(graph):
    seen = set()
    count = 0
    for node in graph:
        if node not in seen:
            count += 1
            seen.update(distances(graph, node))
    return count
