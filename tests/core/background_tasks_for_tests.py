from django.core.cache import cache
from django.tasks import task

from practice_site.settings.base import BACKGROUND_QUEUE


@task(backend=BACKGROUND_QUEUE)
def remember(value):
    cache.set("background-task-result", value)
