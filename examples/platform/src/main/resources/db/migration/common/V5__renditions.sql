-- ABR ladders: the renditions a client asked for ("360p,720p,1080p") and the ones made from the
-- source, height:bitrate ("360:800000,720:3000000"; never taller than the source). Both null for a
-- package made from the upload as it is.
ALTER TABLE packaged_content ADD COLUMN renditions VARCHAR(100);
ALTER TABLE packaged_content ADD COLUMN ladder VARCHAR(200);
