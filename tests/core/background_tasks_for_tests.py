from django.conf import settings
from django.core.cache import cache
from django.tasks import task


@task(backend=settings.BACKGROUND_QUEUE)
def remember(value):
    cache.set("background-task-result", value)
