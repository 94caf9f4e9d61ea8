"""What the home page tells a signed-in person to do next.

Each app contributes panels through `register`, so the home page knows nothing of courses or
certificates; a provider takes the user and returns a dict (or None to show nothing).
"""

_providers = []


def register(order):
    """Decorator: add a provider of a home-page panel, sorted by `order`."""

    def decorator(func):
        _providers.append((order, func))
        _providers.sort(key=lambda item: item[0])
        return func

    return decorator


def dashboard_for(user):
    if not user.is_authenticated:
        return []
    panels = []
    for _order, provider in _providers:
        panel = provider(user)
        if panel:
            panels.append(panel)
    return panels
