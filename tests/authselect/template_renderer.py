"""A renderer of authselect's template syntax, as documented in authselect-profiles(5).

authselect cannot be installed on the machines that test this project, so the nsswitch.conf
templates of authselect/ are rendered here instead. Supported, as documented:

  {continue if EXPR}   drop this line; drop the rest of the file unless EXPR holds
  {stop if EXPR}       drop this line; drop the rest of the file if EXPR holds
  {include if EXPR}    keep the line (without the operator) only if EXPR holds
  {exclude if EXPR}    keep the line (without the operator) only if EXPR does not hold
  {if EXPR:TRUE|FALSE} replaced by TRUE if EXPR holds, else by FALSE
  {if EXPR:TRUE}       replaced by TRUE if EXPR holds, else by nothing

EXPR is made of "feature" names, `and`, `or`, `not` and parentheses. Values cannot contain
`{`, `}` or `|`; expressions cannot contain `:` either. Output lines are right-trimmed, as
authselect writes them.
"""

import re

_EXPRESSION = r'[^{}|:]+'
_VALUE = r'[^{}|]*'
OPERATOR = re.compile(
    r'\{(?:(?P<line_op>continue if|stop if|include if|exclude if) (?P<line_expr>' + _EXPRESSION + r')'
    r'|if (?P<if_expr>' + _EXPRESSION + r'):(?P<if_true>' + _VALUE + r')(?:\|(?P<if_false>' + _VALUE + r'))?)\}')
_TOKEN = re.compile(r'\s*(?:(?P<feature>"[^"{}|]+")|(?P<word>and|or|not)\b|(?P<paren>[()]))')


class TemplateError(ValueError):
    pass


def evaluate(expression, features):
    """Evaluates EXPR against the set of enabled features (not > and > or)."""
    tokens = []
    pos = 0
    text = expression.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise TemplateError('bad expression %r at %d' % (expression, pos))
        tokens.append(m.group('feature') or m.group('word') or m.group('paren'))
        pos = m.end()
    if not tokens:
        raise TemplateError('empty expression')

    index = 0

    def peek():
        return tokens[index] if index < len(tokens) else None

    def take():
        nonlocal index
        token = peek()
        index += 1
        return token

    def parse_or():
        value = parse_and()
        while peek() == 'or':
            take()
            rhs = parse_and()
            value = value or rhs
        return value

    def parse_and():
        value = parse_not()
        while peek() == 'and':
            take()
            rhs = parse_not()
            value = value and rhs
        return value

    def parse_not():
        if peek() == 'not':
            take()
            return not parse_not()
        token = take()
        if token == '(':
            value = parse_or()
            if take() != ')':
                raise TemplateError('missing ) in %r' % expression)
            return value
        if token is None or not token.startswith('"'):
            raise TemplateError('expected a feature in %r, got %r' % (expression, token))
        return token[1:-1] in features

    result = parse_or()
    if index != len(tokens):
        raise TemplateError('trailing tokens in %r' % expression)
    return result


def render(template, features):
    """Renders a template for the given enabled features."""
    features = frozenset(features)
    out = []
    for line in template.split('\n'):
        keep = True
        stop = False
        pieces = []
        pos = 0
        for m in OPERATOR.finditer(line):
            pieces.append(line[pos:m.start()])
            pos = m.end()
            if m.group('line_op'):
                op, holds = m.group('line_op'), evaluate(m.group('line_expr'), features)
                if op == 'continue if':
                    keep, stop = False, not holds
                elif op == 'stop if':
                    keep, stop = False, holds
                elif op == 'include if':
                    keep = keep and holds
                else:
                    keep = keep and not holds
                if stop:
                    break
            else:
                holds = evaluate(m.group('if_expr'), features)
                pieces.append(m.group('if_true') if holds else (m.group('if_false') or ''))
        if stop:
            break
        pieces.append(line[pos:])
        if keep:
            out.append(''.join(pieces).rstrip())
    return '\n'.join(out)


def features_of(template):
    """The feature names a template mentions (what authselect list-features reports)."""
    names = []
    for m in OPERATOR.finditer(template):
        for name in re.findall(r'"([^"{}|]+)"', m.group('line_expr') or m.group('if_expr')):
            if name not in names:
                names.append(name)
    return names
