from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """The newest public articles as Atom; built per request by BlogIndexPage's feed route."""

    feed_type = Atom1Feed

    def get_object(self, request, blog_index):
        self.request = request
        return blog_index

    def title(self, blog_index):
        return blog_index.get_site().site_name + ": " + blog_index.title

    def subtitle(self, blog_index):
        return strip_tags(blog_index.introduction)

    def link(self, blog_index):
        return blog_index.get_url(request=self.request)

    def items(self, blog_index):
        return blog_index.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author_name
