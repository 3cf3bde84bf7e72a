"""Reverse Polish notation calculator."""

OPS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


def evaluate(expression):
    stack = []
    for token in expression.split():
        if token in OPS:
            if len(stack) < 2:
                raise ValueError("not enough operands")
            right = stack.pop()
            left = stack.pop()
            stack.append(OPS[token](left, right))
        elif token == "dup":
            stack.append(stack[-1])
        else:
            stack.append(float(token))
    if len(stack) != 1:
        raise ValueError("malformed expression")
    return stack[0]


def to_infix(expression):
    stack = []
    for token in expression.split():
        if token in OPS:
            right = stack.pop()
            left = stack.pop()
            stack.append("(" + left + " " + token + " " + right + ")")
        else:
            stack.append(token)
    return stack[0]
