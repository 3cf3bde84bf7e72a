"""A FIFO queue built from two stacks, with a running minimum."""


class Queue:
    def __init__(self):
        self.inbox = []
        self.outbox = []

    def push(self, value):
        self.inbox.append(value)

    def _shift(self):
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())

    def pop(self):
        self._shift()
        if not self.outbox:
            raise IndexError("pop from empty queue")
        return self.outbox.pop()

    def peek(self):
        self._shift()
        if not self.outbox:
            raise IndexError("peek at empty queue")
        return self.outbox[-1]

    def __len__(self):
        return len(self.inbox) + len(self.outbox)

    def minimum(self):
        if not len(self):
            raise IndexError("empty queue")
        return min(self.inbox + self.outbox)
