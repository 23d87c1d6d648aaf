"""Several debts: split the money a borrower can spare each month into one offer per lender.

Inputs: ``available`` — what the borrower can pay each month in total — and a
list of :class:`Debt` records (``name``, ``balance`` owed now, contractual
monthly ``payment``, ``priority``).  The rules, in order:

1. If ``available`` covers every payment, each offer is its payment and the
   rest is ``surplus``.
2. Otherwise priority debts (e.g. instalments a court has ordered, or agreed
   in enforcement) get their payments first.  If even those are not covered,
   ``available`` is split among the priority debts alone by rule 3 and every
   other debt gets 0.
3. What is left is split among the other debts **in proportion to their
   balances**.  No offer exceeds its payment: a debt whose share would pass its
   payment is offered exactly its payment, and the excess is split again, pro
   rata, among the rest (repeated until no share passes its payment).
4. Offers are whole fen.  Each uncapped share is rounded down to the fen and
   the fen left over go one each to the largest remainders (ties: the debt
   listed first), so the offers add up to exactly the money offered and each
   is within one fen of its exact pro-rata share.

``months_to_clear`` = balance ÷ offer rounded up to a whole month, **with
interest frozen** (as if no further interest or charges were added); ``None``
when the offer is 0.  ``shortfall`` = sum of payments − available and
``surplus`` = available − sum of payments, each never negative.

The arithmetic is integer fen throughout (shares compared as exact fractions),
so the browser's copy (BigInt) gives the same fen.

>>> plan = debt_plan(3000, [Debt("甲", 30000, 2800), Debt("乙", 20000, 1900), Debt("丙", 10000, 1000)])
>>> [(o.debt.name, o.amount, o.months_to_clear) for o in plan.offers]
[('甲', Decimal('1500.00'), 20), ('乙', Decimal('1000.00'), 20), ('丙', Decimal('500.00'), 20)]
>>> plan.total_offered, plan.shortfall, plan.surplus
(Decimal('3000.00'), Decimal('2700.00'), Decimal('0.00'))

A small debt is capped at its payment and the excess goes to the others:

>>> plan = debt_plan(1000, [Debt("A", 90000, 5000), Debt("B", 10000, 50)])
>>> [o.amount for o in plan.offers]
[Decimal('950.00'), Decimal('50.00')]

A priority debt is paid first:

>>> plan = debt_plan(1000, [Debt("法院", 5000, 600, priority=True), Debt("卡", 8000, 900)])
>>> [o.amount for o in plan.offers]
[Decimal('600.00'), Decimal('400.00')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ._core import ZERO_FEN, Number, money
from .errors import (
    DuplicateDebtError,
    InputTypeError,
    InvalidAmountError,
    InvalidDebtError,
    NoDebtsError,
    PaymentAboveBalanceError,
)

__all__ = ["MAX_DEBTS", "MAX_NAME_LENGTH", "Debt", "DebtOffer", "DebtPlan", "debt_plan"]

#: Most debts one plan accepts.
MAX_DEBTS = 50
#: Longest lender name (characters, after trimming spaces).
MAX_NAME_LENGTH = 40


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise InputTypeError("name", "借款机构名称必须是文字", "name must be a str", name)
    text = " ".join(name.split())
    if not text:
        raise InvalidDebtError("name", "借款机构名称不能为空", "name must not be empty", name)
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidDebtError(
            "name",
            f"借款机构名称最多 {MAX_NAME_LENGTH} 个字",
            f"name must be at most {MAX_NAME_LENGTH} characters",
            name,
        )
    return text


@dataclass(frozen=True, slots=True)
class Debt:
    """One debt: ``balance`` owed now, contractual monthly ``payment`` (0 < payment ≤ balance).

    ``name`` is trimmed (inner runs of spaces become one).  ``priority`` marks a
    debt that must be paid first (court-ordered or enforcement instalments).

    >>> Debt(" 招联 ", "12000", 1100)
    Debt(name='招联', balance=Decimal('12000.00'), payment=Decimal('1100.00'), priority=False)
    >>> Debt("卡", 500, 600)
    Traceback (most recent call last):
    ...
    calculators.errors.PaymentAboveBalanceError: 合同月还款不能超过欠款余额 / payment must not exceed balance (500.00), got 600
    """

    name: str
    balance: Decimal
    payment: Decimal
    priority: bool = False

    def __post_init__(self) -> None:
        name = _check_name(self.name)
        balance = money(self.balance, "balance", "欠款余额", InvalidAmountError)
        payment = money(self.payment, "payment", "合同月还款", InvalidAmountError)
        if payment > balance:
            raise PaymentAboveBalanceError(
                "payment",
                "合同月还款不能超过欠款余额",
                f"payment must not exceed balance ({balance})",
                self.payment,
            )
        if not isinstance(self.priority, bool):
            raise InputTypeError(
                "priority", "“优先”只能是是或否", "priority must be True or False", self.priority
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "balance", balance)
        object.__setattr__(self, "payment", payment)


@dataclass(frozen=True, slots=True)
class DebtOffer:
    """The monthly offer for one debt; ``months_to_clear`` assumes interest frozen (None if 0)."""

    debt: Debt
    amount: Decimal
    months_to_clear: int | None

    @property
    def full(self) -> bool:
        """True when the offer is the whole contractual payment."""
        return self.amount == self.debt.payment


@dataclass(frozen=True, slots=True)
class DebtPlan:
    """A plan: one offer per debt in input order, and the totals."""

    available: Decimal
    offers: tuple[DebtOffer, ...]
    total_payments: Decimal
    total_offered: Decimal
    shortfall: Decimal
    surplus: Decimal


def _fen(value: Decimal) -> int:
    return int(value * 100)


def _yuan(fen_count: int) -> Decimal:
    return Decimal(fen_count).scaleb(-2) + ZERO_FEN


def split_fen(amount: int, balances: Sequence[int], caps: Sequence[int]) -> list[int]:
    """Split ``amount`` fen pro rata by ``balances``, none above its cap, in whole fen.

    Requires 0 ≤ amount ≤ sum(caps) and every balance > 0.  Exact integer
    arithmetic; the fen left after rounding down go to the largest remainders,
    ties to the earlier index.

    >>> split_fen(100, [1, 1, 1], [100, 100, 100])
    [34, 33, 33]
    >>> split_fen(1000, [9, 1], [1000, 50])
    [950, 50]
    """
    shares = [0] * len(balances)
    active = list(range(len(balances)))
    rest = amount
    while True:
        total = sum(balances[i] for i in active)
        capped = [i for i in active if rest * balances[i] >= caps[i] * total]
        if not capped:
            break
        for i in capped:
            shares[i] = caps[i]
            rest -= caps[i]
        active = [i for i in active if i not in capped]
    if not active:
        return shares
    total = sum(balances[i] for i in active)
    remainders = []
    for i in active:
        shares[i], remainder = divmod(rest * balances[i], total)
        remainders.append((-remainder, i))
    left = rest - sum(shares[i] for i in active)
    for _, i in sorted(remainders)[:left]:
        shares[i] += 1
    return shares


def debt_plan(available: Number, debts: Iterable[Debt]) -> DebtPlan:
    """Split ``available`` (≥ 0, a month's money) into one offer per debt; rules in the module doc.

    Raises :class:`NoDebtsError` for an empty list (or more than
    :data:`MAX_DEBTS`), :class:`DuplicateDebtError` when two debts share a
    name, :class:`InvalidAmountError` for a negative ``available``.

    >>> debt_plan(6000, [Debt("甲", 30000, 2800), Debt("乙", 20000, 1900)]).surplus
    Decimal('1300.00')
    >>> debt_plan(100, [Debt("甲", 300, 100), Debt("甲", 200, 100)])
    Traceback (most recent call last):
    ...
    calculators.errors.DuplicateDebtError: 两笔债务的名称相同，请区分（如“招联 1”“招联 2”） / two debts have the same name, got '甲'
    """
    money_available = money(
        available, "available", "每月能拿出来还债的钱", InvalidAmountError, allow_zero=True
    )
    items = list(debts)
    if not items:
        raise NoDebtsError("debts", "至少要有一笔债务", "at least one debt is needed")
    if len(items) > MAX_DEBTS:
        raise NoDebtsError(
            "debts", f"最多 {MAX_DEBTS} 笔债务", f"at most {MAX_DEBTS} debts", len(items)
        )
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Debt):
            raise InputTypeError(
                "debts", "每一笔债务都必须是 Debt", "each debt must be a Debt", item
            )
        if item.name in seen:
            raise DuplicateDebtError(
                "name",
                "两笔债务的名称相同，请区分（如“招联 1”“招联 2”）",
                "two debts have the same name",
                item.name,
            )
        seen.add(item.name)

    avail = _fen(money_available)
    payments = [_fen(d.payment) for d in items]
    balances = [_fen(d.balance) for d in items]
    total_payments = sum(payments)
    if avail >= total_payments:
        amounts = payments[:]
    else:
        amounts = [0] * len(items)
        priority = [i for i, d in enumerate(items) if d.priority]
        others = [i for i, d in enumerate(items) if not d.priority]
        priority_total = sum(payments[i] for i in priority)
        if avail >= priority_total:
            for i in priority:
                amounts[i] = payments[i]
            group, rest = others, avail - priority_total
        else:
            group, rest = priority, avail
        shares = split_fen(rest, [balances[i] for i in group], [payments[i] for i in group])
        for i, share in zip(group, shares, strict=True):
            amounts[i] = share

    offers = tuple(
        DebtOffer(d, _yuan(a), None if a == 0 else -(-balances[i] // a))
        for i, (d, a) in enumerate(zip(items, amounts, strict=True))
    )
    offered = sum(amounts)
    return DebtPlan(
        available=money_available,
        offers=offers,
        total_payments=_yuan(total_payments),
        total_offered=_yuan(offered),
        shortfall=_yuan(max(total_payments - avail, 0)),
        surplus=_yuan(max(avail - total_payments, 0)),
    )
