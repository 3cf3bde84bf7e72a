"""A singly linked list with common operations."""


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def from_list(values):
    head = None
    for v in reversed(values):
        head = Node(v, head)
    return head


def to_list(head):
    out = []
    while head is not None:
        out.append(head.value)
        head = head.next
    return out


def reverse(head):
    prev = None
    while head is not None:
        nxt = head.next
        head.next = prev
        prev = head
        head = nxt
    return prev


def nth_from_end(head, n):
    lead = head
    for _ in range(n):
        if lead is None:
            return None
        lead = lead.next
    trail = head
    while lead is not None:
        lead = lead.next
        trail = trail.next
    return trail.value if trail else None


def remove_value(head, value):
    dummy = Node(None, head)
    cur = dummy
    while cur.next is not None:
        if cur.next.value == value:
            cur.next = cur.next.next
        else:
            cur = cur.next
    return dummy.next
