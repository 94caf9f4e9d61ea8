import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_pages(demo, client_for):
    hr = get_user_model().objects.get(username="hr")
    c = client_for(hr)
    for url in ["/admin/reports/department-completion/", "/admin/reports/department-completion/?open=all",
                "/admin/reports/department-completion/people/?metric=overdue",
                "/admin/reports/department-completion/?export=csv",
                "/admin/reports/department-completion/?export=xlsx",
                "/admin/reports/department-completion/people/?metric=assigned&export=csv",
                "/admin/", "/admin/assignments/", "/admin/assignments/new/", "/admin/people-import/",
                "/admin/report_snapshots/", "/api/v1/reports/department-completion",
                "/api/v1/reports/department-completion?format=csv",
                "/api/v1/reports/department-completion/people?metric=overdue",
                "/admin/reports/department-completion/?course=99999",
                ]:
        r = c.get(url)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        print(url, r.status_code, len(body))
        if "csv" in url or "api" in url:
            print(body[:600].decode())
    r = c.get("/admin/reports/department-completion/")
    open("/tmp/report.html","wb").write(r.content)
    r = c.get("/admin/")
    open("/tmp/dash.html","wb").write(r.content)
