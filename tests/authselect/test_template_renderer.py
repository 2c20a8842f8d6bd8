"""The renderer against the examples of authselect-profiles(5)."""
import pytest

from template_renderer import TemplateError, evaluate, features_of, render

SUDOERS = 'passwd:     sss files\nsudoers:    files {if "with-sudo":sss}'


def test_if_operator_replaced_by_value_when_feature_enabled():
    assert render(SUDOERS, {'with-sudo'}).split('\n')[1] == 'sudoers:    files sss'


def test_if_operator_removed_and_line_trimmed_when_feature_disabled():
    assert render(SUDOERS, set()).split('\n')[1] == 'sudoers:    files'


def test_if_operator_with_false_value():
    assert render('x {if "a":yes|no}', set()) == 'x no'
    assert render('x {if "a":yes|no}', {'a'}) == 'x yes'


def test_continue_if_drops_rest_of_file_unless_feature():
    template = 'first\n{continue if "with-smartcard" or "with-smartcard-required"}\nauth x\nauth y'
    assert render(template, set()) == 'first'
    assert render(template, {'with-smartcard-required'}) == 'first\nauth x\nauth y'


def test_stop_if_drops_rest_of_file_if_feature():
    template = 'a\n{stop if "f"}\nb'
    assert render(template, {'f'}) == 'a'
    assert render(template, set()) == 'a\nb'


def test_include_and_exclude_if():
    template = 'auth faillock {include if "with-faillock"}\nauth unix\nauth other {exclude if "with-faillock"}'
    assert render(template, {'with-faillock'}) == 'auth faillock\nauth unix'
    assert render(template, set()) == 'auth unix\nauth other'


@pytest.mark.parametrize('expression,features,expected', [
    ('"a"', set(), False),
    ('not "a"', set(), True),
    ('"a" and "b"', {'a'}, False),
    ('"a" or "b"', {'b'}, True),
    ('"a" and ("b" or "c")', {'a', 'c'}, True),
    ('"a" and ("b" or "c")', {'b', 'c'}, False),
    ('not "a" and "b"', {'b'}, True),
    ('"a" and not "b"', {'a', 'b'}, False),
])
def test_expressions(expression, features, expected):
    assert evaluate(expression, features) is expected


@pytest.mark.parametrize('expression', ['', '"a" and', '("a"', 'a', '"a" "b"'])
def test_malformed_expressions_are_rejected(expression):
    with pytest.raises(TemplateError):
        evaluate(expression, set())


def test_features_are_found_by_scanning_operators():
    template = 'a {if "x" and not "y":1}\nb {include if "z"}\nc {if "x":2}'
    assert features_of(template) == ['x', 'y', 'z']
