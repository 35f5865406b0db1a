package dev.notify.spi.store;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Walks a group page by page, holding one page at a time. Not thread-safe. */
final class GroupMemberIterator implements Iterator<String> {
  private final RecipientDirectory directory;
  private final String groupId;
  private final int pageSize;
  private GroupPage page;
  private int index;

  GroupMemberIterator(RecipientDirectory directory, String groupId, int pageSize,
      GroupPage first) {
    this.directory = directory;
    this.groupId = groupId;
    this.pageSize = pageSize;
    this.page = first;
  }

  @Override
  public boolean hasNext() {
    while (index >= page.userIds().size()) {
      if (page.nextCursor() == null) {
        return false;
      }
      // a group deleted between pages simply ends
      page = directory.groupPage(groupId, page.nextCursor(), pageSize)
          .orElse(GroupPage.last(List.of()));
      index = 0;
    }
    return true;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.userIds().get(index++);
  }
}
