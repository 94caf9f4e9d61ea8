"""A bare Django view: the same server, middleware and JSON response, and no work at all."""

from django.http import JsonResponse


def bare(request):
    return JsonResponse({"allowed": True, "reason": "bare view"})
