import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type Attachment } from 'discord.js';
import type { Upload } from '../../corpus/add-articles.ts';
import { downloadBytes, tooLargeToDownload } from '../../corpus/download.ts';
import { isNewsdeskError } from '../../errors.ts';
import type { Command } from '../context.ts';
import { formatAdded } from '../format/corpus.ts';

/** Attachment options, one file each; Discord allows 25 options, five files are plenty. */
const FILE_OPTIONS = ['file', 'second', 'third', 'fourth', 'fifth'] as const;
/** How long one attachment may take to download, in ms. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * `/add file:<attachment> [second…fifth] [replace:<bool>]` (moderators): fetches each attached
 * article from the address Discord gives, within MAX_FILE_BYTES and a time limit, hands them
 * to the desk, which checks each as the ingest would before saving any under a safe name and
 * refreshing, and replies with what became of each file.
 */
export const add: Command = {
  data: addCommandData(),
  gates: ['moderator'],

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const attachments = FILE_OPTIONS.map((name) => interaction.options.getAttachment(name)).filter((file): file is Attachment => file !== null);
    const uploads: Upload[] = [];
    const refused: { upload: string; reason: string }[] = [];
    for (const attachment of attachments) {
      try {
        uploads.push({ name: attachment.name, bytes: await fetchAttachment(attachment, ctx.config.maxFileBytes) });
      } catch (error) {
        if (!isNewsdeskError(error, 'UPLOAD_REFUSED')) throw error;
        refused.push({ upload: attachment.name, reason: error.message });
      }
    }
    const startedBy = `@${interaction.user.username} (Discord user ${interaction.user.id}) with /add`;
    const result = uploads.length > 0 ? await ctx.desk.addArticles(uploads, { replace: interaction.options.getBoolean('replace') ?? false, startedBy }) : { outcomes: [], refresh: null };
    await interaction.editReply(formatAdded(result, refused));
  },
};

function addCommandData() {
  const builder = new SlashCommandBuilder()
    .setName('add')
    .setDescription('Add article files to the collection and index them (moderators).')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild);
  FILE_OPTIONS.forEach((name, i) =>
    builder.addAttachmentOption((option) => option.setName(name).setDescription(i === 0 ? 'An article file (.txt, .md or .html)' : 'Another article file').setRequired(i === 0)),
  );
  return builder.addBooleanOption((option) => option.setName('replace').setDescription('Overwrite an article file of the same name'));
}

/** An attachment's bytes; its announced size is checked before anything is fetched. */
async function fetchAttachment(attachment: Attachment, maxBytes: number): Promise<Buffer> {
  if (attachment.size > maxBytes) throw tooLargeToDownload(maxBytes);
  return downloadBytes(attachment.url, { maxBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS });
}
