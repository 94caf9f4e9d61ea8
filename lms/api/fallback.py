"""Unknown paths under /api/v1/ answer in the API's own error format."""

from django.http import JsonResponse


def not_found(request, rest=""):
    return JsonResponse({"message": f"No API endpoint at /api/v1/{rest}."}, status=404)
